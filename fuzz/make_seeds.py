#!/usr/bin/env python3
"""Regenerates fuzz/seeds/ from tests/fixtures and content-example.

document seeds: one byte choosing the path (see PATHS in
fuzz_targets/document.rs), then the file's text.
body seeds: the body (after the front matter) of every fixture and example
document, and the hostile bodies of HOSTILE below.
portal seeds: six files joined with "\n=====\n" in the order of PATHS in
fuzz_targets/portal.rs, the base fixture with one file swapped for the one
of a bad fixture.
Run from the repository root: python3 fuzz/make_seeds.py
"""
import hashlib
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
BASE = ROOT / "tests/fixtures/base"
BAD = ROOT / "tests/fixtures/bad"
EXAMPLE = ROOT / "content-example"
SEEDS = ROOT / "fuzz/seeds"

DOC_SELECTOR = {"vision": 0, "backlog": 1, "stakeholders": 2, "tradeoffs": 3, "updates": 4}
PORTAL_PATHS = [
    "cairn.toml",
    "content/vision.md",
    "content/backlog/guided-setup.md",
    "content/stakeholders/dana.md",
    "content/tradeoffs/sso-first.md",
    "content/updates/october.md",
]
SEP = b"\n=====\n"
# Bodies that tried to run script or lose text before the body gate.
HOSTILE = [
    "# Title {onclick=alert(1) .ok #t}\n",
    "[a](javascript:alert(1)) [b](java&#115;cript:x) ![c](data:image/png;base64,x)\n",
    '<a href="&#106;avascript:x">a</a> <a href=" java\nscript:x">b</a> <img src="/img/x.svg">\n',
    '<a href="@/backlog/secret.md">s</a> [t](@/backlog/secret.md) ![u](../backlog/secret.html)\n',
    "Never put a <script> tag here, nor <title>, <textarea>, <style>, <xmp>, <iframe>.\n\nAfter.\n",
    "# Main\n\n## A {#main}\n\n## A {#a}\n\n## B {#a}\n\n[^main]: x\n\ny[^main]\n",
    "[minutes](10:30-standup.html) [r][x]\n\n[x]: @/vision.md\n",
    '<svg><script>alert(1)</script></svg><math><mi xlink:href="javascript:x">m</mi></math>\n',
]


def write(target, name, data):
    d = SEEDS / target
    d.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1(data).hexdigest()[:8]
    (d / f"{name}-{digest}").write_bytes(data)


def selector(rel):
    """rel is a path under content/."""
    parts = rel.split("/")
    if len(parts) == 1:
        return DOC_SELECTOR["vision"] if parts[0] == "vision.md" else None
    return DOC_SELECTOR.get(parts[0])


def main():
    shutil.rmtree(SEEDS, ignore_errors=True)

    # document: the base portal, every bad fixture's documents, and one or
    # two documents of each kind from the example portal.
    for f in sorted((BASE / "content").rglob("*.md")):
        rel = f.relative_to(BASE / "content").as_posix()
        write("document", "base-" + f.stem, bytes([selector(rel)]) + f.read_bytes())
    vision = (BASE / "content/vision.md").read_bytes()
    write("document", "deep-path", bytes([5]) + (BASE / "content/backlog/guided-setup.md").read_bytes())
    write("document", "bad-id-path", bytes([6]) + (BASE / "content/stakeholders/dana.md").read_bytes())
    write("document", "not-a-document", bytes([7]) + vision)
    for case in sorted(BAD.iterdir()):
        content = case / "portal/content"
        for f in sorted(content.rglob("*.md")) if content.is_dir() else []:
            sel = selector(f.relative_to(content).as_posix())
            if sel is not None:
                write("document", "bad-" + case.name, bytes([sel]) + f.read_bytes())
    example = [
        "vision.md",
        "backlog/csv-import.md",
        "backlog/scheduling/drag-drop-board.md",
        "stakeholders/priya-raman.md",
        "stakeholders/customers/maria-delgado.md",
        "tradeoffs/hosted-card-checkout.md",
        "tradeoffs/offline-first-tech-app.md",
        "updates/autumn-update.md",
    ]
    for rel in example:
        data = (EXAMPLE / "content" / rel).read_bytes()
        write("document", "example-" + pathlib.Path(rel).stem, bytes([selector(rel)]) + data)

    # portal: the base portal, then one bad file swapped in at a time.
    base = [(BASE / p).read_bytes() for p in PORTAL_PATHS]
    write("portal", "base", SEP.join(base))
    for case in sorted(BAD.iterdir()):
        portal = case / "portal"
        for i, p in enumerate(PORTAL_PATHS):
            if (portal / p).is_file():
                files = list(base)
                files[i] = (portal / p).read_bytes()
                write("portal", f"bad-{case.name}", SEP.join(files))
    for path in sorted(list(EXAMPLE.rglob("*.md")) + list(ROOT.glob("tests/fixtures/**/*.md"))):
        text = path.read_bytes()
        parts = text.split(b"+++", 2)
        if len(parts) == 3:
            write("body", "doc-" + path.stem, parts[2])
    for i, text in enumerate(HOSTILE):
        write("body", f"hostile-{i}", text.encode())
    # The example portal's settings (with base_url: feeds and sitemap) around
    # the base documents; then its vision too.
    files = list(base)
    files[0] = (EXAMPLE / "cairn.toml").read_bytes()
    write("portal", "example-config", SEP.join(files))
    files = list(base)
    files[0] = (EXAMPLE / "cairn.toml").read_bytes()
    files[1] = (EXAMPLE / "content/vision.md").read_bytes()
    write("portal", "example-config-vision", SEP.join(files))


if __name__ == "__main__":
    main()
