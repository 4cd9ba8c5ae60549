//! No file is ever lost and no run hangs (issue 17, section 3; issue 20's
//! marker and `gh-pages` worktree). Every destructive case runs in a
//! temporary folder with a fake HOME: were the guard broken, only those
//! would be lost.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output, Stdio};

use assert_cmd::Command;

use crate::support::{Portal, copy_dir, snapshot, starter, stderr};

/// `cairn ARGS` in `dir` with `HOME` set to `home`.
fn cairn_with_home(dir: &Path, home: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("cairn")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("HOME", home)
        .env("SOURCE_DATE_EPOCH", "1795305600")
        .args(args)
        .output()
        .unwrap()
}

/// A build refused with exit 2 and `why` in its message.
fn assert_refused(out: &Output, why: &str) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(out));
    assert!(stderr(out).contains(why), "{}", stderr(out));
}

fn names(dir: &Path) -> Vec<String> {
    let names = fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name());
    names.map(|n| n.to_string_lossy().into_owned()).collect()
}

/// Moves the portal's `folder` elsewhere and leaves a link in its place.
fn link_away(p: &Portal, folder: &str, away: &Path) -> PathBuf {
    let target = away.join(folder);
    fs::create_dir_all(p.path(folder)).unwrap();
    fs::rename(p.path(folder), &target).unwrap();
    symlink(&target, p.path(folder)).unwrap();
    target
}

#[test]
fn a_symlinked_content_folder_is_never_an_output_even_with_force() {
    // Once `-o content --force` deleted every Markdown file through the link.
    let p = starter();
    let away = tempfile::tempdir().unwrap();
    let content = link_away(&p, "content", away.path());
    let before = snapshot(&content);
    for output in ["content", "content/backlog", "./content/../content"] {
        let out = p.cairn(&["build", "-o", output, "--force"]);
        assert_refused(&out, "the portal's content/ folder");
    }
    let real = content.to_str().unwrap();
    let out = p.cairn(&["build", "-o", real, "--force"]);
    assert_refused(&out, "the portal's content/ folder");
    // A folder holding the real content/ holds the portal's sources.
    let out = p.cairn(&["build", "-o", away.path().to_str().unwrap(), "--force"]);
    assert_refused(&out, "the portal's content/ folder");
    assert_eq!(snapshot(&content), before, "no source was touched");
}

#[test]
fn a_symlinked_static_folder_or_a_link_into_it_is_never_an_output() {
    let p = starter();
    p.write("static/logo.svg", "<svg/>");
    // static/ may link to a folder inside the portal (one outside is refused
    // outright: `a_static_folder_linked_out_of_the_portal_publishes_nothing`).
    fs::create_dir_all(p.path("shared")).unwrap();
    let statics = link_away(&p, "static", &p.path("shared"));
    symlink(&statics, p.path("site")).unwrap();
    for output in ["static", "site", "site/sub"] {
        let out = p.cairn(&["build", "-o", output, "--force"]);
        assert_refused(&out, "the portal's static/ folder");
    }
    assert_eq!(p.read("static/logo.svg"), "<svg/>");
}

#[test]
fn a_static_folder_linked_out_of_the_portal_publishes_nothing() {
    // Once `static -> ../secret` published whatever it pointed at (a cloned
    // portal could aim it at the reader's ~/.ssh).
    let p = starter();
    let away = tempfile::tempdir().unwrap();
    fs::write(away.path().join("key"), "TOPSECRET").unwrap();
    symlink(away.path(), p.path("static")).unwrap();
    let out = p.cairn(&["build"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("static/ is a link out of the portal"),
        "{}",
        stderr(&out)
    );
    assert!(!p.path("public/key").exists());
}

#[test]
fn a_folder_holding_the_portal_is_never_an_output() {
    let parent = tempfile::tempdir().unwrap();
    let p = crate::support::cairn_in(parent.path(), &["init", "p"]);
    assert!(p.status.success());
    let portal = parent.path().join("p");
    fs::write(parent.path().join("keep.txt"), "mine").unwrap();
    for output in ["..", ".", "public/../..", "missing/../..", "public/../../p"] {
        let out = crate::support::cairn_in(&portal, &["build", "-o", output, "--force"]);
        assert_refused(&out, "it holds the portal itself");
    }
    assert_eq!(
        fs::read_to_string(parent.path().join("keep.txt")).unwrap(),
        "mine"
    );
    assert!(portal.join("content/vision.md").is_file());
}

#[test]
fn home_and_every_folder_above_it_are_never_an_output() {
    // Once `-o ~/.. --force` deleted the folder above home.
    let top = tempfile::tempdir().unwrap();
    let home = top.path().join("users/me");
    fs::create_dir_all(&home).unwrap();
    fs::write(home.join("notes.txt"), "mine").unwrap();
    let p = starter();
    let home_arg = home.to_str().unwrap();
    for output in [
        home_arg.to_string(),
        format!("{home_arg}/.."),
        format!("{home_arg}/../.."),
        format!("{home_arg}/new/../.."),
    ] {
        let out = cairn_with_home(p.root(), &home, &["build", "-o", &output, "--force"]);
        assert_refused(&out, "your home folder or holds it");
    }
    // Reached through a link too.
    symlink(&home, p.path("home-link")).unwrap();
    let out = cairn_with_home(p.root(), &home, &["build", "-o", "home-link", "--force"]);
    assert_refused(&out, "your home folder or holds it");
    assert_eq!(fs::read_to_string(home.join("notes.txt")).unwrap(), "mine");
    // A folder inside home is fine.
    let out = cairn_with_home(
        p.root(),
        &home,
        &["build", "-o", &format!("{home_arg}/site")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn the_marker_sits_next_to_the_output_not_in_what_is_published() {
    let p = starter();
    let out = p.cairn(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!p.path("public/.cairn-output").exists());
    assert!(
        names(&p.path("public"))
            .iter()
            .all(|n| !n.starts_with(".cairn"))
    );
    assert!(p.path(".public.cairn-output").is_file());
    // Recognised: the next build replaces it without --force.
    let again = p.cairn(&["build"]);
    assert!(again.status.success(), "{}", stderr(&again));
    // An output of an earlier cairn, marked inside, is recognised too.
    fs::remove_file(p.path(".public.cairn-output")).unwrap();
    p.write("public/.cairn-output", "");
    let old = p.cairn(&["build"]);
    assert!(old.status.success(), "{}", stderr(&old));
    assert!(!p.path("public/.cairn-output").exists());
}

#[test]
fn a_gh_pages_worktree_is_built_into_without_force_and_keeps_its_git_file() {
    let p = starter();
    let pages = p.path("pages");
    fs::create_dir(&pages).unwrap();
    let git = "gitdir: /elsewhere/repo/.git/worktrees/pages\n";
    fs::write(pages.join(".git"), git).unwrap();
    // A fresh worktree (only .git), then one holding an earlier output.
    for round in ["first", "second"] {
        let out = p.cairn(&["build", "-o", "pages"]);
        assert!(out.status.success(), "{round}: {}", stderr(&out));
        assert_eq!(p.read("pages/.git"), git, "{round}");
        assert!(p.path("pages/index.html").is_file(), "{round}");
    }
    // The worktree's own files say they are cairn's, so that a fresh
    // checkout of the branch elsewhere (no marker beside it) is recognised.
    assert!(p.path("pages/.cairn-output").is_file());
    fs::remove_file(p.path(".pages.cairn-output")).unwrap();
    let out = p.cairn(&["build", "-o", "pages"]);
    assert!(out.status.success(), "fresh checkout: {}", stderr(&out));
    // Unrecognised, its files may be work not committed: never replaced.
    fs::remove_file(p.path(".pages.cairn-output")).unwrap();
    fs::remove_file(p.path("pages/.cairn-output")).unwrap();
    let out = p.cairn(&["build", "-o", "pages", "--force"]);
    assert_refused(
        &out,
        "it is a git working tree holding files cairn did not write",
    );
    // A worktree checked out with the output of an earlier cairn in it.
    p.write("pages/.cairn-output", "");
    let out = p.cairn(&["build", "-o", "pages"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(p.read("pages/.git"), git);
}

#[test]
fn a_git_repository_inside_the_output_is_never_deleted_even_with_force() {
    let p = starter();
    p.write("site/vendor/.git/HEAD", "ref: refs/heads/main\n");
    p.write("site/index.html", "mine");
    let out = p.cairn(&["build", "-o", "site", "--force"]);
    assert_refused(&out, "it holds a git repository");
    assert_eq!(p.read("site/vendor/.git/HEAD"), "ref: refs/heads/main\n");
    assert_eq!(p.read("site/index.html"), "mine");
}

#[test]
fn a_pipe_or_a_device_in_static_is_refused_without_hanging() {
    // Once a FIFO in static/ hung the build forever.
    let p = starter();
    p.write("static/ok.txt", "fine");
    let fifo = p.path("static/pipe.txt");
    assert!(
        Process::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    symlink("/dev/zero", p.path("static/zero.bin")).unwrap();
    let out = p.cairn(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("this is not a regular file\n  --> static/pipe.txt"),
        "{err}"
    );
    assert!(
        err.contains("cairn does not follow it\n  --> static/zero.bin"),
        "{err}"
    );
    assert!(!p.path("public").exists());
}

#[test]
fn a_link_in_static_to_a_file_inside_the_portal_is_copied() {
    let p = starter();
    p.write("assets/logo.svg", "<svg/>");
    fs::create_dir_all(p.path("static")).unwrap();
    symlink(p.path("assets/logo.svg"), p.path("static/logo.svg")).unwrap();
    symlink(p.path("assets"), p.path("static/assets")).unwrap();
    let out = p.cairn(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("this is a link to a folder"),
        "{}",
        stderr(&out)
    );
    fs::remove_file(p.path("static/assets")).unwrap();
    let out = p.cairn(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(p.read("public/logo.svg"), "<svg/>");
}

#[test]
fn a_submodule_in_static_is_copied_without_its_git() {
    let p = starter();
    p.write("static/vendor/lib.js", "lib();");
    p.write("static/vendor/.git", "gitdir: ../../.git/modules/vendor\n");
    let out = p.cairn(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(p.read("public/vendor/lib.js"), "lib();");
    assert!(!p.path("public/vendor/.git").exists());
}

#[test]
fn leftovers_of_interrupted_runs_are_cleaned_and_nothing_else() {
    let p = starter();
    for (name, marked) in [
        (".cairn-staging-a1b2c3", true),
        (".cairn-old-d4e5f6", true),
        (".cairn-staging-mine", false),
    ] {
        p.write(&format!("{name}/index.html"), "x");
        if marked {
            p.write(&format!("{name}/.cairn-temporary"), "");
        }
    }
    let out = p.cairn(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!p.path(".cairn-staging-a1b2c3").exists());
    assert!(!p.path(".cairn-old-d4e5f6").exists());
    assert_eq!(p.read(".cairn-staging-mine/index.html"), "x", "not cairn's");
}

/// A portal slow enough to build that a signal lands mid-build.
fn large_portal() -> Portal {
    let p = starter();
    let story = p.read("content/backlog/guided-setup.md");
    let body: String = (0..200)
        .map(|i| format!("Paragraph {i} of prose.\n\n"))
        .collect();
    for i in 0..1500 {
        p.write(
            &format!("content/backlog/bulk-{i}.md"),
            &format!("{story}\n{body}"),
        );
    }
    p
}

fn interrupted_build_leaves_no_staging(signal: &str) {
    let p = large_portal();
    let first = p.cairn(&["build"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = snapshot(&p.path("public"));
    let mut child = Process::new(assert_cmd::cargo::cargo_bin("cairn"))
        .current_dir(p.root())
        .env("NO_COLOR", "1")
        .args(["build"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let staging = || {
        names(p.root())
            .iter()
            .any(|n| n.starts_with(".cairn-staging-"))
    };
    while !staging() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the build ended ({status}) before it was interrupted; make the portal larger");
        }
        std::thread::yield_now();
    }
    let pid = child.id().to_string();
    assert!(
        Process::new("kill")
            .args([signal, &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{status}");
    assert!(!staging(), "{:?}", names(p.root()));
    assert!(
        names(p.root())
            .iter()
            .all(|n| !n.starts_with(".cairn-old-"))
    );
    assert_eq!(snapshot(&p.path("public")), before, "the output is whole");
}

#[test]
fn ctrl_c_during_a_build_removes_its_staging_folder() {
    interrupted_build_leaves_no_staging("-INT");
}

#[test]
fn sigterm_during_a_build_removes_its_staging_folder() {
    interrupted_build_leaves_no_staging("-TERM");
}

#[test]
fn diagnostics_never_copy_control_characters_to_the_terminal() {
    let p = starter();
    let story = p.read("content/backlog/guided-setup.md");
    p.write(
        "content/backlog/guided-setup.md",
        &(story.replacen("+++\n", "+++\n\"k\\u001b]0;pwned\\u0007\" = 1\n", 1)
            + "\n[x](@/backlog/\u{1b}[2Jgone.md)\n"),
    );
    p.write(
        "content/backlog/\u{1b}[31mred.md",
        "+++\ntitle = \"x\"\n+++\n",
    );
    let out = p.cairn(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        !out.stderr.contains(&0x1b) && !out.stderr.contains(&0x07),
        "{err}"
    );
    assert!(err.contains("\\u{1b}"), "{err}");
}

#[test]
fn thousands_of_problems_on_one_line_quote_a_window_of_it() {
    // Once 3,000 broken links on one line wrote 311 MB: the whole line
    // was quoted for each.
    let p = starter();
    let story = p.read("content/backlog/guided-setup.md");
    let links: String = (0..3000)
        .map(|i| format!("[l{i}](@/backlog/nope-{i}.md) "))
        .collect();
    p.write(
        "content/backlog/guided-setup.md",
        &format!("{story}\n{links}\n"),
    );
    let out = p.cairn(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("3000 errors"),
        "{}",
        &err[err.len().saturating_sub(300)..]
    );
    assert!(out.stderr.len() < 3000 * 1000, "{} bytes", out.stderr.len());
    // The caret stays under the link it names, past the cut.
    let at = err
        .find("no document at content/backlog/nope-2000.md")
        .unwrap();
    let lines: Vec<&str> = err[at..].lines().take(6).collect();
    let quoted = lines
        .iter()
        .find(|l| l.contains(" │ …"))
        .expect("a cut line");
    let caret = lines.iter().find(|l| l.contains('^')).unwrap();
    let column = caret.chars().position(|c| c == '^').unwrap();
    let under: String = quoted.chars().skip(column).take(7).collect();
    assert_eq!(under, "[l2000]", "{quoted}\n{caret}");
    assert!(lines[1].contains("guided-setup.md:"), "{}", lines[1]);
}

#[test]
fn a_git_folder_is_never_an_output_even_with_force() {
    // `-o .git --force` once replaced the portal's repository with the site.
    let p = starter();
    let git = p.path(".git");
    fs::create_dir_all(git.join("objects/ab")).unwrap();
    fs::create_dir_all(git.join("refs/heads")).unwrap();
    fs::write(git.join("HEAD"), "ref: refs/heads/main\n").unwrap();
    fs::write(git.join("objects/ab/cdef"), "blob").unwrap();
    let bare = tempfile::tempdir().unwrap();
    copy_dir(&git, &bare.path().join("project.git"));
    let bare_repo = bare.path().join("project.git");
    let before = snapshot(&git);
    for output in [".git", ".git/objects", ".git/new", "./content/../.git"] {
        let out = p.cairn(&["build", "-o", output, "--force"]);
        assert_refused(&out, "a git repository's own folder");
    }
    symlink(&git, p.path("site")).unwrap();
    let out = p.cairn(&["build", "-o", "site", "--force"]);
    assert_refused(&out, "a git repository's own folder");
    let out = p.cairn(&["build", "-o", bare_repo.to_str().unwrap(), "--force"]);
    assert_refused(&out, "a git repository's own folder");
    assert_eq!(snapshot(&git), before, "the repository was not touched");
    assert!(bare_repo.join("objects/ab/cdef").is_file());
}

#[test]
fn a_link_into_a_git_folder_is_never_published() {
    // `static/c.txt -> ../.git/config` once published the credentials CI
    // keeps in the repository's config.
    let p = starter();
    p.write(
        ".git/config",
        "[http]\n\textraheader = AUTHORIZATION: basic SECRET\n",
    );
    fs::create_dir_all(p.path("static")).unwrap();
    symlink("../.git/config", p.path("static/c.txt")).unwrap();
    let out = p.cairn(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("leads into a `.git` folder"),
        "{}",
        stderr(&out)
    );
    assert!(!p.path("public").exists());
    // The same through static/ itself, and for a document.
    fs::remove_dir_all(p.path("static")).unwrap();
    symlink(".git", p.path("static")).unwrap();
    let out = p.cairn(&["build"]);
    assert!(
        stderr(&out).contains("static/ leads into a `.git` folder"),
        "{}",
        stderr(&out)
    );
    assert!(!p.path("public").exists());
    fs::remove_file(p.path("static")).unwrap();
    p.write(".git/notes.md", "+++\ntitle = \"x\"\n+++\n");
    symlink("../../.git/notes.md", p.path("content/updates/notes.md")).unwrap();
    let out = p.cairn(&["build"]);
    assert!(
        stderr(&out).contains("leads into a `.git` folder"),
        "{}",
        stderr(&out)
    );
    assert!(!p.path("public").exists());
}

#[test]
fn a_configured_output_outside_the_portal_is_an_error_even_with_force() {
    // A cloned portal's `[build] output = "../…"` once aimed the user's
    // `--force` at a folder outside it, which was replaced.
    let parent = tempfile::tempdir().unwrap();
    let init = crate::support::cairn_in(parent.path(), &["init", "p"]);
    assert!(init.status.success(), "{}", stderr(&init));
    let portal = parent.path().join("p");
    let mine = parent.path().join("Documents");
    fs::create_dir(&mine).unwrap();
    fs::write(mine.join("thesis.txt"), "years of work").unwrap();
    let config = fs::read_to_string(portal.join("cairn.toml")).unwrap();
    let with_output = |output: &str| {
        let line = format!("output = {output:?}");
        let text = config.replace("output = \"public\"", &line);
        assert_ne!(text, config, "the starter sets [build] output");
        fs::write(portal.join("cairn.toml"), text).unwrap();
    };
    let absolute = mine.to_str().unwrap().to_string();
    for output in [
        "../Documents",
        absolute.as_str(),
        "site/../../Documents",
        ".",
        "",
    ] {
        with_output(output);
        let out = crate::support::cairn_in(&portal, &["build", "--force"]);
        assert_eq!(out.status.code(), Some(1), "{output}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("`output` must be a folder inside the portal"),
            "{output}: {}",
            stderr(&out)
        );
    }
    assert_eq!(names(&mine), ["thesis.txt"]);
    // Inside the portal it is followed.
    with_output("site/public");
    let out = crate::support::cairn_in(&portal, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(portal.join("site/public/index.html").is_file());
}

#[test]
fn the_home_folder_is_refused_even_when_home_is_unset() {
    // With HOME unset (cron, `env -i`), the home folder and those above it
    // were guarded like any other folder. No --force here: were the guard
    // broken, the build would refuse a folder holding files it did not write.
    let Some(home) = std::env::home_dir().filter(|h| h.is_dir()) else {
        return;
    };
    let p = starter();
    for output in [home.clone(), home.join("."), home.join("new/..")] {
        let out = Command::cargo_bin("cairn")
            .unwrap()
            .current_dir(p.root())
            .env("NO_COLOR", "1")
            .env_remove("HOME")
            .args(["build", "-o", output.to_str().unwrap()])
            .output()
            .unwrap();
        assert_refused(&out, "your home folder or holds it");
    }
}

#[test]
fn a_marker_that_is_a_link_is_refused_and_its_target_kept() {
    // `.public.cairn-output -> ../victim/notes.txt` in a cloned portal made
    // the build overwrite the link's target with the marker's text.
    let p = starter();
    let away = tempfile::tempdir().unwrap();
    let victim = away.path().join("notes.txt");
    fs::write(&victim, "precious").unwrap();
    symlink(&victim, p.path(".public.cairn-output")).unwrap();
    let out = p.cairn(&["build"]);
    assert_refused(&out, "is not a plain file");
    // A link as the marker of earlier versions, inside the output, makes
    // a folder of someone else's files no more cairn's.
    fs::remove_file(p.path(".public.cairn-output")).unwrap();
    p.write("public/mine.txt", "mine");
    symlink(&victim, p.path("public/.cairn-output")).unwrap();
    let out = p.cairn(&["build"]);
    assert_refused(&out, "holds files cairn did not write");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(p.read("public/mine.txt"), "mine");
}
