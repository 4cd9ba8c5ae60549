//! Hostile content: payloads in every field and body build fine and none of
//! them reaches the output in executable form.

use crate::support::{Portal, snapshot, starter, stderr};

const XSS: &str = "\\\"'><script>alert(1)</script><img src=x onerror=alert(2)>";

fn hostile_portal() -> Portal {
    let p = starter();
    // `10:30-standup.html` is a relative path (its colon follows a digit),
    // so it must lead to a file: from a backlog page, this one.
    p.write("static/backlog/10:30-standup.html", "<p>minutes</p>");
    p.write(
        "cairn.toml",
        &format!("title = \"Acme {XSS}\"\ndescription = \"{XSS}\"\nbase_url = \"https://acme.example/\"\n[extra]\nnote = \"{XSS}\"\n"),
    );
    p.write(
        "content/stakeholders/mallory.md",
        &format!(
            "+++\nname = \"Mallory {XSS}\"\nposition = \"{XSS}\"\norganization = \"</script><script>alert(3)</script>\"\nrole = \"buyer\"\npower = 4\ninterest = 4\nsuccess = \"{XSS}\"\nmotivations = [\"{XSS}\"]\nrisks = [\"]]></x><script>alert(4)</script>\"]\ncadence_days = 7\n+++\n<svg onload=alert(5)><circle/></svg>\n"
        ),
    );
    p.write(
        "content/backlog/payloads.md",
        &format!(
            "+++\ntitle = \"Story {XSS}\"\nlevel = \"story\"\nparent = \"guided-setup\"\nrequested_by = [\"mallory\"]\n+++\n\
# Heading {XSS}\n\n\
[click](javascript:alert(6)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==) [tab](java\tscript:alert(8)) [ent](javascript&#58;alert(9))\n\n\
![img](javascript:alert(10))\n\n\
<script>alert(11)</script>\n\n\
<iframe src=\"https://evil.example\"></iframe>\n\n\
<object data=\"x.swf\"></object><embed src=\"x.swf\">\n\n\
<form action=\"https://evil.example\"><input name=q></form>\n\n\
<a href=\"javascript:alert(12)\" onclick=\"alert(13)\">a</a> <a href=\" JAVASCRIPT:alert(14)\">b</a>\n\n\
<p style=\"background:url(javascript:alert(15));width:expression(alert(16))\">styled</p>\n\n\
<details><summary>Kept</summary><kbd>Ctrl</kbd> and <sup>2</sup></details>\n\n\
<img src=x onerror=alert(17)><math><mtext><table><mglyph><style><img src=x onerror=alert(18)>\n\n\
## Attributes {{onclick=alert(19) onmouseover=alert(20) #attr .c}}\n\n\
<a href=\"&#106;avascript:alert(21)\">e</a> <a href=\"java&#x09;script:alert(22)\">f</a> <img src=\"/img/x.svg\"> [minutes](10:30-standup.html)\n"
        ),
    );
    p.write(
        "content/tradeoffs/payload-decision.md",
        &format!(
            "+++\ntitle = \"Decision {XSS}\"\nstatus = \"accepted\"\ndate = 2026-10-01\nnot_pursued = [\"{XSS}\"]\naffects = [\"mallory\"]\n\n[[options]]\nname = \"{XSS}\"\nchosen = true\nvalue = \"{XSS}\"\ncost_of_delay = \"{XSS}\"\n\n[[options]]\nname = \"Other\"\n+++\n"
        ),
    );
    p.write(
        "content/updates/payload-update.md",
        &format!("+++\ntitle = \"Update {XSS}\"\ndate = 2026-11-05\naudience = [\"mallory\"]\n+++\n<script>alert(19)</script>]]>\n"),
    );
    p
}

/// The attributes of a tag (`<a href="x" onclick=y>`), quoted values
/// read whole, so escaped text inside a value is never taken for markup.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = tag.chars().collect();
    let mut i = 1;
    while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '>' {
        i += 1;
    }
    let mut out = Vec::new();
    loop {
        while i < chars.len() && (chars[i].is_whitespace() || chars[i] == '/') {
            i += 1;
        }
        if i >= chars.len() || chars[i] == '>' {
            return out;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && !matches!(chars[i], '=' | '>' | '/') {
            i += 1;
        }
        let name: String = chars[start..i].iter().collect();
        let mut value = String::new();
        if i < chars.len() && chars[i] == '=' {
            i += 1;
            if i < chars.len() && (chars[i] == '"' || chars[i] == '\'') {
                let quote = chars[i];
                i += 1;
                while i < chars.len() && chars[i] != quote {
                    value.push(chars[i]);
                    i += 1;
                }
                i += 1;
            } else {
                while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '>' {
                    value.push(chars[i]);
                    i += 1;
                }
            }
        }
        if name.is_empty() {
            i += 1;
        }
        out.push((name, value));
    }
}

/// Every tag in `text` that would run something: scripts cairn did not
/// write, event handlers, script URLs, frames, plugins and foreign forms.
/// Escaped text (`&lt;script&gt;`) is not a tag and is fine.
fn executable(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    let mut rest = lower.as_str();
    while let Some(start) = rest.find('<') {
        let tail = &rest[start..];
        let end = tail.find('>').map_or(tail.len(), |e| e + 1);
        let tag = &tail[..end];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let attrs = attributes(tag);
        let has = |n: &str, v: &str| attrs.iter().any(|(a, val)| a == n && val.contains(v));
        let own_script = name == "script" && has("src", "search.js");
        let own_form = name == "form" && has("role", "search");
        let bad = (name == "script" && !own_script)
            || matches!(
                name.as_str(),
                "iframe" | "object" | "embed" | "frame" | "applet" | "base"
            )
            || (name == "meta" && attrs.iter().any(|(a, _)| a == "http-equiv"))
            || (name == "form" && !own_form)
            || attrs.iter().any(|(a, v)| {
                let v: String = v.chars().filter(|c| !c.is_whitespace()).collect();
                a.starts_with("on")
                    || (matches!(
                        a.as_str(),
                        "href" | "src" | "action" | "formaction" | "data" | "xlink:href" | "poster"
                    ) && (v.starts_with("javascript:")
                        || v.starts_with("vbscript:")
                        || v.starts_with("data:")))
                    || (a == "style" && (v.contains("expression(") || v.contains("javascript:")))
            });
        if bad {
            found.push(tag.chars().take(80).collect());
        }
        rest = &tail[end.max(1)..];
    }
    found
}

#[test]
fn hostile_content_builds_and_nothing_in_it_runs() {
    let p = hostile_portal();
    let out = p.cairn(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = snapshot(&p.path("public"));
    assert!(files.len() > 20);
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        let name = path.to_string_lossy();
        if name.ends_with(".css") || name == "search.js" {
            continue;
        }
        let bad = executable(&text);
        assert!(bad.is_empty(), "{name}: {bad:?}");
    }
    let story = p.read("public/backlog/payloads.html");
    assert!(
        story
            .contains("<details><summary>Kept</summary><kbd>Ctrl</kbd> and <sup>2</sup></details>"),
        "harmless HTML is kept"
    );
    assert!(
        story.contains("<h1>Story &quot;&#39;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        "titles are escaped text"
    );
    // The feed and sitemap stay well-formed XML.
    roxmltree::Document::parse(&p.read("public/feed.xml")).expect("feed.xml parses");
    roxmltree::Document::parse(&p.read("public/sitemap.xml")).expect("sitemap.xml parses");
    // The search index cannot close its script.
    for (path, bytes) in files.iter().filter(|(p, _)| p.starts_with("search")) {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains('<') && !text.contains('\u{2028}'),
            "{}",
            path.display()
        );
    }
}

#[test]
fn unsafe_html_publishes_raw_html_with_a_warning_every_build() {
    let p = hostile_portal();
    let config = p
        .read("cairn.toml")
        .replacen("title =", "unsafe_html = true\ntitle =", 1);
    p.write("cairn.toml", &config);
    let out = p.cairn(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("warning: `unsafe_html` is on"), "{err}");
    assert!(err.contains("cairn.toml:1:15"), "{err}");
    assert!(
        p.read("public/backlog/payloads.html")
            .contains("<script>alert(11)</script>")
    );
    let denied = p.cairn(&["build", "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn huge_and_deeply_nested_documents_build() {
    let p = hostile_portal();
    let fm = |t: &str| {
        format!("+++\ntitle = \"{t}\"\nlevel = \"story\"\nparent = \"guided-setup\"\n+++\n")
    };
    p.write(
        "content/backlog/huge.md",
        &format!(
            "{}{}",
            fm("Huge"),
            "A sentence that goes on and on. ".repeat(30_000)
        ),
    );
    p.write(
        "content/backlog/quotes.md",
        &format!("{}{} deep\n", fm("Quotes"), ">".repeat(1000)),
    );
    let lists: String = (0..1000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect();
    p.write(
        "content/backlog/lists.md",
        &format!("{}{lists}", fm("Lists")),
    );
    let links: String = (0..5000)
        .map(|i| format!("[l{i}](@/backlog/guided-setup.md) "))
        .collect();
    p.write(
        "content/backlog/links.md",
        &format!("{}{links}\n", fm("Links")),
    );
    p.write(
        "content/backlog/divs.md",
        &format!(
            "{}{}x{}\n",
            fm("Divs"),
            "<div>".repeat(5000),
            "</div>".repeat(5000)
        ),
    );
    p.write(
        "content/backlog/brackets.md",
        &format!(
            "{}{}a{}\n{}\n",
            fm("Brackets"),
            "*".repeat(20_000),
            "*".repeat(20_000),
            "[".repeat(20_000)
        ),
    );
    let out = p.cairn(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(p.read("public/backlog/huge.html").len() > 900_000);
    assert!(p.read("public/backlog/quotes.html").contains("deep"));
}
