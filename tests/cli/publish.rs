//! Publishing: GitHub annotations, and the recipes of docs/publishing.md
//! run as written.

use cairn::recipes::{RECIPES, Recipe, Syntax};
use yaml_rust2::{Yaml, YamlLoader};

use crate::support::{cairn_in, copy_dir, starter, stdout};

/// Undoes the Actions toolkit's escaping.
fn unescape(text: &str) -> String {
    text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

/// `::error file=…,line=…::message` -> (command, properties, message).
fn parse_annotation(line: &str) -> (String, Vec<(String, String)>, String) {
    let rest = line.strip_prefix("::").expect("starts with ::");
    let (head, message) = rest.split_once("::").expect("has a message");
    let (command, props) = head.split_once(' ').unwrap_or((head, ""));
    let props = props
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').expect("key=value");
            (k.to_string(), unescape(v))
        })
        .collect();
    assert!(!message.contains(['\n', '\r']), "raw newline in {line:?}");
    (command.to_string(), props, unescape(message))
}

#[test]
fn github_annotations_survive_commas_colons_percents_and_newlines_in_paths() {
    let p = starter();
    // The portal folder's name is part of every path shown.
    let parent = tempfile::tempdir().unwrap();
    let name = "team, a: 100%";
    copy_dir(p.root(), &parent.path().join(name));
    let root = parent.path().join(name);
    let story = root.join("content/backlog/guided-setup.md");
    let text = std::fs::read_to_string(&story).unwrap();
    std::fs::write(
        &story,
        text.replace("priority = \"must\"", "priority = \"shuld\""),
    )
    .unwrap();
    std::fs::write(
        root.join("content/stakeholders/sam.md"),
        std::fs::read_to_string(root.join("content/stakeholders/sam.md"))
            .unwrap()
            .replace("power = ", "power = 9 #"),
    )
    .unwrap();

    let out = cairn_in(parent.path(), &["check", name, "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    let errors: Vec<_> = lines
        .iter()
        .map(|l| parse_annotation(l))
        .filter(|(c, _, _)| c == "error")
        .collect();
    assert_eq!(errors.len(), 2, "{lines:#?}");
    for (_, props, _) in &errors {
        let get = |k: &str| {
            props
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        };
        let file = get("file").expect("file");
        assert!(
            parent.path().join(&file).is_file(),
            "{file} is the real file"
        );
        assert!(get("line").unwrap().parse::<usize>().unwrap() > 1);
        assert!(get("col").unwrap().parse::<usize>().unwrap() >= 1);
    }
    let (_, props, message) = &errors[0];
    assert!(props.contains(&(
        "file".into(),
        format!("{name}/content/backlog/guided-setup.md")
    )));
    assert!(props.contains(&("line".into(), "6".into())));
    assert!(
        message.contains("\nhelp: did you mean `should`"),
        "{message:?}"
    );
}

/// Every string of a YAML document.
fn yaml_strings(yaml: &Yaml, out: &mut Vec<String>) {
    match yaml {
        Yaml::String(s) => out.push(s.clone()),
        Yaml::Array(a) => a.iter().for_each(|y| yaml_strings(y, out)),
        Yaml::Hash(h) => h.iter().for_each(|(k, v)| {
            yaml_strings(k, out);
            yaml_strings(v, out);
        }),
        _ => {}
    }
}

/// The recipe parsed: its strings that may hold commands.
fn parse(recipe: &Recipe) -> Vec<String> {
    match recipe.syntax {
        Syntax::Yaml => {
            let docs = YamlLoader::load_from_str(recipe.text)
                .unwrap_or_else(|e| panic!("{} is not valid YAML: {e}", recipe.source));
            assert_eq!(docs.len(), 1, "{}", recipe.source);
            let mut out = Vec::new();
            yaml_strings(&docs[0], &mut out);
            out
        }
        Syntax::Toml => {
            let value: toml::Table = toml::from_str(recipe.text)
                .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", recipe.source));
            vec![value["build"]["command"].as_str().unwrap().to_string()]
        }
        Syntax::Shell => {
            let check = std::process::Command::new("sh")
                .args(["-n", "-c", recipe.text])
                .output()
                .unwrap();
            assert!(
                check.status.success(),
                "{}: {}",
                recipe.source,
                String::from_utf8_lossy(&check.stderr)
            );
            vec![recipe.text.to_string()]
        }
    }
}

/// Splits a command line into words, honouring double quotes.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let (mut quoted, mut any) = (false, false);
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any || !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => word.push(c),
        }
    }
    if any || !word.is_empty() {
        out.push(word);
    }
    out
}

/// The address a host would give: every variable of a recipe's cairn
/// commands is one.
const HOST_URL: &str = "https://pages.example/team/portal";

fn expand(word: &str) -> String {
    let mut out = String::new();
    let mut rest = word;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = if let Some(inner) = after.strip_prefix("{{") {
            inner.find("}}").map(|e| e + 4).expect("closed ${{")
        } else if after.starts_with('{') {
            after.find('}').unwrap() + 1
        } else {
            after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len())
        };
        out.push_str(HOST_URL);
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The cairn commands of a recipe, as argument lists.
fn cairn_commands(recipe: &Recipe) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for text in parse(recipe) {
        for line in text.lines() {
            for segment in line.split("&&").flat_map(|s| s.split(';')) {
                let w = words(segment.trim().trim_end_matches('\\'));
                let is_cairn = w.first().is_some_and(|p| {
                    p == "cairn" || (p.ends_with("/bin/cairn") && !p.contains(':'))
                });
                if is_cairn {
                    out.push(w[1..].iter().map(|x| expand(x)).collect());
                }
            }
        }
    }
    out
}

#[test]
fn every_recipe_parses_and_its_cairn_commands_run_on_the_example() {
    assert_eq!(RECIPES.len(), 5);
    for recipe in RECIPES {
        let commands = cairn_commands(recipe);
        let verbs: Vec<&str> = commands.iter().map(|c| c[0].as_str()).collect();
        assert_eq!(verbs, ["check", "build"], "{}", recipe.source);
        let p = crate::support::Portal::copy_of("content-example");
        for args in &commands {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = p.cairn(&args);
            assert!(
                out.status.success(),
                "{}: cairn {args:?}: {}",
                recipe.source,
                crate::support::stderr(&out)
            );
        }
        let build = &commands[1];
        let o = build
            .iter()
            .position(|w| w == "-o")
            .expect("builds into a named folder");
        assert_eq!(
            build[o + 1],
            recipe.publishes,
            "{}: builds what it publishes",
            recipe.source
        );
        assert!(
            build.iter().any(|w| w == "--public"),
            "{}: a public site",
            recipe.source
        );
        let sitemap = p.read(&format!("{}/sitemap.xml", recipe.publishes));
        assert!(
            sitemap.contains(&format!("{HOST_URL}/vision/")),
            "{}: the host's address is the base URL",
            recipe.source
        );
        assert!(
            !p.read(&format!("{}/index.html", recipe.publishes))
                .contains("Hollis"),
            "{}",
            recipe.source
        );
    }
}

#[test]
fn every_recipe_installs_this_release_locked_with_the_full_history() {
    let version = format!("CAIRN_VERSION: \"{}\"", env!("CARGO_PKG_VERSION"));
    let toml_version = format!("CAIRN_VERSION = \"{}\"", env!("CARGO_PKG_VERSION"));
    for recipe in RECIPES.iter().filter(|r| r.syntax != Syntax::Shell) {
        let text = recipe.text;
        assert!(
            text.contains(&version) || text.contains(&toml_version),
            "{}: installs cairn {}",
            recipe.source,
            env!("CARGO_PKG_VERSION")
        );
        assert!(text.contains("cargo install --locked"), "{}", recipe.source);
        assert!(
            text.contains("--tag \"v$CAIRN_VERSION\""),
            "{}",
            recipe.source
        );
    }
    let github = YamlLoader::load_from_str(RECIPES[0].text)
        .unwrap()
        .remove(0);
    let steps = github["jobs"]["build"]["steps"].as_vec().unwrap();
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    for action in [
        "actions/checkout@",
        "actions/configure-pages@",
        "actions/cache@",
        "actions/upload-pages-artifact@",
    ] {
        assert!(uses.iter().any(|u| u.starts_with(action)), "{action}");
    }
    let checkout = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/checkout@"))
        })
        .unwrap();
    assert_eq!(checkout["with"]["fetch-depth"].as_i64(), Some(0));
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
        })
        .unwrap();
    assert_eq!(upload["with"]["path"].as_str(), Some("public"));
    let deploy = github["jobs"]["deploy"]["steps"][0]["uses"]
        .as_str()
        .unwrap();
    assert!(deploy.starts_with("actions/deploy-pages@"));
    assert!(github["permissions"]["id-token"].as_str() == Some("write"));

    let gitlab = YamlLoader::load_from_str(RECIPES[1].text)
        .unwrap()
        .remove(0);
    assert_eq!(gitlab["variables"]["GIT_DEPTH"].as_str(), Some("0"));
    assert_eq!(
        gitlab["pages"]["artifacts"]["paths"][0].as_str(),
        Some("public")
    );
    assert_eq!(
        gitlab["pages"]["cache"]["paths"][0].as_str(),
        Some(".cairn/")
    );

    let netlify: toml::Table = toml::from_str(RECIPES[2].text).unwrap();
    assert_eq!(netlify["build"]["publish"].as_str(), Some("public"));
    assert!(
        netlify["build"]["command"]
            .as_str()
            .unwrap()
            .contains("--unshallow")
    );
}

#[test]
fn the_guide_shows_every_recipe_as_it_is() {
    let guide = std::fs::read_to_string(crate::support::repo().join("docs/publishing.md")).unwrap();
    for recipe in RECIPES {
        assert!(
            guide.contains(recipe.text),
            "docs/publishing.md does not show docs/recipes/{} as it is",
            recipe.source
        );
    }
    let readme = std::fs::read_to_string(crate::support::repo().join("README.md")).unwrap();
    assert!(
        readme.contains("docs/publishing.md"),
        "the README links the guide"
    );
}

#[test]
fn init_with_ci_writes_the_recipe_into_a_portal_that_publishes() {
    for (ci, path) in [
        ("github", ".github/workflows/publish.yml"),
        ("gitlab", ".gitlab-ci.yml"),
    ] {
        let parent = tempfile::tempdir().unwrap();
        let out = cairn_in(parent.path(), &["init", "p", "--ci", ci]);
        assert!(out.status.success(), "{}", crate::support::stderr(&out));
        assert!(stdout(&out).contains(path), "{}", stdout(&out));
        let written = std::fs::read_to_string(parent.path().join("p").join(path)).unwrap();
        let recipe = cairn::recipes::for_ci(ci).unwrap();
        assert_eq!(written, recipe.text);
        let root = parent.path().join("p");
        for args in cairn_commands(recipe) {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let run = cairn_in(&root, &args);
            assert!(
                run.status.success(),
                "{ci}: {args:?}: {}",
                crate::support::stderr(&run)
            );
        }
        assert!(root.join("public/index.html").is_file());
    }
    let parent = tempfile::tempdir().unwrap();
    let out = cairn_in(parent.path(), &["init", "p", "--ci", "jenkins"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!parent.path().join("p").exists());
}
