#!/usr/bin/env python3
"""Inputs made to break a static site generator, and how long atelier takes on each.

    bench/limits.py                          # every case, with target/release/atelier
    bench/limits.py --atelier path/to/atelier --only keys-40000,files-100000
    bench/limits.py --list
    bench/limits.py --corpus 10,100             # the real fiches replicated 10 and 100 times

`--corpus K` assembles the site `bench/run.sh` builds from the 662 real fiches of
../shared/corpus/betagouv (or $ATELIER_CORPUS), with every fiche copied K times under
new ids, without the search page (Pagefind would run beside the stages and blur
their times), and prints `build --timings`: the real fiches carry broken relative links,
unknown sponsors and vocabulary, which the clean synthetic sites of `bench/run.sh` do
not (one distinct broken path per page made suggestions quadratic: `check` took 18.8 s
at 66,000 pages).

Each case is a one-page site (the test theme of tests/fixtures/theme) with one hostile
content file, generated under target/limits/<case>/ (never committed; 100,000 files take
about 400 MB). Each is run once, as a new process, with a time limit; the line printed
says the wall time, the exit code and the last line atelier printed. Deep nesting must
end in exit 1 with a located error, never in a crash (exit 134 or 139); everything else
must take time in proportion to its size. The figures measured before and after the
limits of src/content/limits.rs and the linear diagnostics are in the README's
"Limits on input".
"""

import argparse
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FM = "---\ntitle: Essai\n---\n"
STARTUP = (
    "---\ntitle: S{i}\nmission: M\nincubator: culture\ncontact: a@b.fr\n"
    "phases:\n  - name: investigation\n    start: 2024-01-01\n---\n"
    "Texte et [la suivante](/startups/s{j}/).\n"
)


def files_for(case):
    """The content files of a case: a generator of (path inside content/, text)."""
    kind, _, n = case.partition("-")
    n = int(n) if n.isdigit() else 0
    if kind == "quote":
        yield "p.md", FM + "> " * n + "x\n"
    elif kind == "list":
        yield "p.md", FM + "- " * n + "x\n"
    elif kind == "html":
        yield "p.md", FM + "<div>" * n + "x" + "</div>" * n + "\n"
    elif kind == "yaml":
        yield "p.md", "---\ntitle: Essai\nextra: " + "[" * n + "]" * n + "\n---\nx\n"
    elif kind == "keys":
        yield "p.md", "---\ntitle: Essai\n" + "".join(f"k{i}: v\n" for i in range(n)) + "---\nx\n"
    elif kind == "warnings":
        line = "Un paragraphe de texte ordinaire pour remplir la page, puis [ici](/) et la suite.\n\n"
        yield "p.md", FM + line * n
    elif kind == "broken":
        yield "p.md", FM + "".join(f"[page {i}](/nope{i}/)\n\n" for i in range(n))
    elif kind == "mb":
        para = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 8 + "\n\n"
        yield "p.md", FM + para * (n * 1024 * 1024 // len(para))
    elif kind == "files":
        for i in range(n):
            yield f"startups/s{i}.md", STARTUP.format(i=i, j=(i + 1) % n)
    elif kind == "newline":
        yield "a\nb.md", FM + "x\n"
    else:
        sys.exit(f"unknown case {case}")


CASES = {
    "quote-5000": "build",
    "list-5000": "build",
    "html-5000": "build",
    "yaml-5000": "build",
    "newline-name": "build",
    "keys-40000": "check",
    "keys-1000000": "check",
    "warnings-54000": "check",
    "broken-20000": "check",
    "mb-50": "build",
    "files-100000": "build",
}


def make(case, dest):
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(os.path.join(ROOT, "tests/fixtures/theme"), os.path.join(dest, "themes/test"))
    with open(os.path.join(dest, "site.yaml"), "w") as f:
        f.write("title: Essai\ntheme: test\n")
    content = os.path.join(dest, "content")
    os.makedirs(os.path.join(content, "startups"))
    with open(os.path.join(content, "_index.md"), "w") as f:
        f.write(FM + "Bonjour.\n")
    with open(os.path.join(content, "accessibilite.md"), "w") as f:
        f.write("---\ntitle: Déclaration d'accessibilité\n---\nCe site est non conforme au RGAA.\n")
    for rel, text in files_for(case):
        with open(os.path.join(content, rel), "w") as f:
            f.write(text)


def corpus_site(k, dest):
    """The repository's site with the corpus's fiches, each copied `k` times."""
    corpus = os.environ.get("ATELIER_CORPUS") or os.path.join(ROOT, "../shared/corpus/betagouv")
    if not os.path.isdir(os.path.join(corpus, "startups")):
        sys.exit(f"no corpus at {corpus}: set ATELIER_CORPUS")
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(os.path.join(ROOT, "themes/dsfr"), os.path.join(dest, "themes/dsfr"))
    shutil.copytree(os.path.join(ROOT, "content"), os.path.join(dest, "content"))
    for kind in ["startups", "organisations"]:
        folder = os.path.join(dest, "content", kind)
        for name in os.listdir(folder):
            if name != "_index.md":
                os.remove(os.path.join(folder, name))
        for name in sorted(os.listdir(os.path.join(corpus, kind))):
            stem = name[:-3] if name.endswith(".md") else name
            copies = range(k) if kind == "startups" else range(1)
            for i in copies:
                suffix = f"-r{i}" if i else ""
                shutil.copyfile(os.path.join(corpus, kind, name), os.path.join(folder, f"{stem}{suffix}.md"))
    # Without the search page: Pagefind would run beside the stages and blur their times.
    for name in os.listdir(os.path.join(dest, "content")):
        path = os.path.join(dest, "content", name)
        if os.path.isfile(path) and "template: search.html" in open(path, encoding="utf-8").read():
            os.remove(path)
    with open(os.path.join(ROOT, "site.yaml")) as f:
        settings = "".join(l for l in f if not l.startswith("incubator:"))
    with open(os.path.join(dest, "site.yaml"), "w") as f:
        f.write(settings + "content_links: warning\n")


def run_corpus(args, k):
    dest = os.path.join(ROOT, "target/limits", f"corpus-{k}")
    corpus_site(k, dest)
    cmd = [os.path.abspath(args.atelier), "build", "--timings", "--date", "2026-01-15"]
    start = time.monotonic()
    run = subprocess.run(cmd, cwd=dest, capture_output=True, timeout=args.timeout)
    took = time.monotonic() - start
    stages = run.stdout.decode("utf-8", "replace").strip()
    warnings = run.stderr.decode("utf-8", "replace").count("\nwarning: ")
    print(f"corpus x{k}: {took:.2f} s, exit {run.returncode}, {len(run.stderr):,} bytes of stderr "
          f"({warnings:,} warnings printed)\n{stages}", flush=True)
    shutil.rmtree(dest, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--atelier", default=os.path.join(ROOT, "target/release/atelier"))
    ap.add_argument("--only", default="", help="comma-separated cases")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--corpus", default="", help="comma-separated replication factors")
    args = ap.parse_args()
    if args.corpus:
        for k in args.corpus.split(","):
            run_corpus(args, int(k))
        return
    if args.list:
        print("\n".join(f"{c} ({cmd})" for c, cmd in CASES.items()))
        return
    cases = [c for c in args.only.split(",") if c] or list(CASES)
    for case in cases:
        dest = os.path.join(ROOT, "target/limits", case)
        make(case, dest)
        cmd = [os.path.abspath(args.atelier), CASES[case], "--date", "2026-01-15"]
        start = time.monotonic()
        try:
            run = subprocess.run(cmd, cwd=dest, capture_output=True, timeout=args.timeout)
            took = f"{time.monotonic() - start:8.2f} s"
            code = run.returncode
            lines = (run.stderr + run.stdout).decode("utf-8", "replace").strip().splitlines()
            last = lines[-1] if lines else ""
        except subprocess.TimeoutExpired:
            took, code, last = f"> {args.timeout:.0f} s", "-", "(time limit)"
        print(f"{case:<16} {CASES[case]:<6} {took}  exit {code}  {last[:110]}", flush=True)
        shutil.rmtree(os.path.join(dest, "content"), ignore_errors=True)
        shutil.rmtree(os.path.join(dest, "public"), ignore_errors=True)


if __name__ == "__main__":
    main()
