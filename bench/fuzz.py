"""Hostile inputs through the real command line: no traceback, no hang, no lost document.

    python bench/fuzz.py --count 10000 [--seed N] [--class NAME] [--timeout S] [--full-rules]

Each generated input runs `checker` in a temporary folder next to one known-good article,
in a forked child (the package is imported once, in this process) with a hard timeout and
a memory ceiling. Per class it prints inputs tried, tracebacks, hangs, lost documents (the
good article missing from the report), errors longer than one line, and peak memory. The
exit status is 1 when any traceback, hang or loss occurred.

By default the runs use a small rule pack (one bundled rule and its list) so that thousands
of runs take minutes; --full-rules uses the bundled pack.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
GOOD = "good.md"
GOOD_TEXT = (
    "---\ntitle: A good article\nlang: ru\n---\n\n# A good article\n\n"
    "Белсат сообщает: погода в Минске хорошая. Belsat reports good weather.\n"
).encode()
MEMORY_CEILING = 3 * 1024**3  # address space of a child; past it, allocation fails


class Case(NamedTuple):
    """One run: files to create (name -> bytes, or a `Special`), then the command line.

    In `args`, GOOD stands for the good article. `hostile` names the files the class made up.
    """

    files: dict[str, bytes | Special]
    args: list[str]
    stdin: bytes = b""


class Special(NamedTuple):
    kind: str  # fifo, symlink, directory
    target: str = ""


@dataclass
class Tally:
    tried: int = 0
    tracebacks: int = 0
    hangs: int = 0
    lost: int = 0
    long_errors: int = 0
    peak_kb: int = 0
    samples: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return self.tracebacks + self.hangs + self.lost


# -- generators: documents ------------------------------------------------------------------

_WORDS = "Белсат Навальный иноагент Meduza организация признана 𝐀𝐥𝐞𝐤𝐬𝐞𝐢 ё « » — \u00ad \u200b café".split()
_CODECS = (
    "idna rot13 base64 zlib hex uu bz2 quopri punycode undefined utf-16 utf-32 cp1251 koi8-r x-bogus utf-7".split()
)
_TAGS = "p div span a time h1 footer nav aside header main article script style template noscript svg br meta".split()


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(n))


def _check(name: str, data: bytes, *extra: str) -> Case:
    return Case({name: data}, ["check", "-q", "--format", "json", *extra, GOOD, name])


def gen_html(rng: random.Random) -> Case:
    parts = []
    for _ in range(rng.randint(1, 30)):
        tag = rng.choice(_TAGS)
        attrs = rng.choice(
            [
                "",
                ' datetime="2024-13-45"',
                ' datetime=""',
                ' href="javascript:x"',
                " hidden",
                ' style="display:none"',
                ' role="contentinfo"',
                ' src="http://e.x/"',
                ' content="x"',
                ' name="date" content="0000-00-00"',
            ]
        )
        body = rng.choice(
            [_words(rng, rng.randint(0, 6)), "&amp;&#0;&#x110000;&bogus;", "<!-- c -->", "]]>", "<![CDATA[x"]
        )
        parts.append(f"<{tag}{attrs}>{body}" + (f"</{tag}>" if rng.random() < 0.7 else ""))
    head = rng.choice(["", f'<meta charset="{rng.choice(_CODECS)}">', '<?xml version="1.0"?>', "<!DOCTYPE html>"])
    data = (head + "".join(parts)).encode("utf-8", "surrogatepass")
    if rng.random() < 0.5:  # one byte that is not UTF-8
        at = rng.randint(0, len(data))
        data = data[:at] + bytes([rng.choice([0x80, 0xC0, 0xE9, 0xFF, 0xFE])]) + data[at:]
    return _check("page.html", data)


_FRONT_VALUES = [
    "2026-02-30",
    "0000-01-01",
    "2024-01-01 10:00:00+99:00",
    "2024-13-01",
    "9999-12-31 23:59:59-23:59",
    "[1, [2, [3]]]",
    "{a: b}",
    "~",
    "yes",
    "NO",
    "!!binary aGVsbG8=",
    "&a [x]",
    "*a",
    "1e999",
    "0x1F",
    '"\\u0000"',
    "'Meduza [en]'",
    "|\n  multi\n  line",
    "!!python/object:os.system x",
    "?",
    "[",
]
_FRONT_KEYS = ["title", "date", "lang", "publisher", "regions", "jurisdictions", "1", "~", "yes", "[a]", "? [a, b]"]


def gen_markdown(rng: random.Random) -> Case:
    fields = "\n".join(f"{rng.choice(_FRONT_KEYS)}: {rng.choice(_FRONT_VALUES)}" for _ in range(rng.randint(0, 4)))
    body = rng.choice(
        [
            "# Title\n\n" + _words(rng, 20),
            "| a | b |\n|---|---|\n| " + " | ".join(_words(rng, 1) for _ in range(rng.randint(1, 50))) + " |\n",
            "<div>\n<time>now</time> <p>" + _words(rng, 5) + "</p>\n</div>\n",
            "[link](<http://x>) ![img](\x00) <a href='x'>" + _words(rng, 3),
            "```\n" + _words(rng, 10) + "\n",  # unclosed fence
            "> " * rng.randint(1, 200) + _words(rng, 3),
        ]
    )
    text = (f"---\n{fields}\n---\n\n" if rng.random() < 0.8 else "") + body
    data = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.3:
        data += b"\xff"
    return _check("article.md", data)


def gen_text(rng: random.Random) -> Case:
    lines = [
        rng.choice(["---", "***", "—", "", _words(rng, rng.randint(1, 12)), "http://x.org/(a)).", "\t\x0c\x0b"])
        for _ in range(rng.randint(1, 40))
    ]
    return _check("note.txt", "\n".join(lines).encode())


def gen_bytes(rng: random.Random) -> Case:
    utf8 = (_words(rng, 60) + "\n").encode()
    choice = rng.randrange(8)
    if choice == 0:  # random bytes
        data = bytes(rng.randrange(256) for _ in range(rng.randint(1, 2000)))
    elif choice == 1:  # one bad byte in UTF-8
        at = rng.randint(0, len(utf8))
        data = utf8[:at] + bytes([rng.randrange(0x80, 0x100)]) + utf8[at:]
    elif choice == 2:  # BOMs with wrong content
        data = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]) + utf8[: rng.randint(0, 99)]
    elif choice == 3:  # legacy encodings
        data = _words(rng, 30).encode(rng.choice(["cp1251", "koi8_r", "cp866", "utf-16-le", "utf-32"]), "replace")
    elif choice == 4:  # binaries: image, archive, NULs
        data = rng.choice([b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"\x1f\x8b\x08\x00", b"GIF89a"]) + bytes(200)
    elif choice == 5:  # control characters and escapes
        data = b"\x1b]0;pwned\x07 \x1b[2J text \x7f\x01\x02" + utf8
    elif choice == 6:  # empty or white space
        data = rng.choice([b"", b" ", b"\n\n\r\n", b"\xef\xbb\xbf", b"\x00"])
    else:
        data = utf8.replace(b" ", b"\r")
    return _check(rng.choice(["x.html", "x.md", "x.txt", "x"]), data)


def gen_shapes(rng: random.Random) -> Case:
    """Large, deep and repetitive shapes, sized to stay within a few seconds when linear."""
    n = rng.choice([2000, 5000, 20000])
    kind = rng.randrange(8)
    if kind == 0:
        return _check("many.html", b"<p>x y</p>\n" * n)
    if kind == 1:
        return _check("many.md", b"word text\n\n" * n)
    if kind == 2:
        return _check("links.html", b"<p>" + b'<a href="http://x.org/">x</a> ' * n + b"</p>")
    if kind == 3:
        return _check("table.md", b"|" + b"a|" * n + b"\n|" + b"-|" * n + b"\n|" + b"b|" * n + b"\n")
    if kind == 4:
        return _check("deep.html", b"<div>" * n * 5 + b"x" + b"</div>" * n * 5)
    if kind == 5:
        return _check("bold.md", ("𝐁𝐞𝐥𝐬𝐚𝐭 Белсат 𝐀 " * (n // 10)).encode())
    if kind == 6:
        return _check("huge.txt", b"a" * (4 * 1024 * 1024 + 1))
    return _check("nested.md", b"> " * n + b"x\n" + b"- " * (n // 10) + b"y\n")


def gen_special_files(rng: random.Random) -> Case:
    kind = rng.randrange(6)
    if kind == 0:
        return Case(
            {"folder/a.html": Special("fifo"), "folder/b.md": b"# ok\n\nText."},
            ["check", "-q", "--format", "json", GOOD, "folder"],
        )
    if kind == 1:
        return Case(
            {}, ["check", "-q", "--format", "json", GOOD, rng.choice(["/dev/zero", "/dev/urandom", "/dev/null"])]
        )
    if kind == 2:
        return Case({"pipe.md": Special("fifo")}, ["check", "-q", "--format", "json", GOOD, "pipe.md"])
    if kind == 3:
        return Case({"loop.md": Special("symlink", "loop.md")}, ["check", "-q", "--format", "json", GOOD, "loop.md"])
    if kind == 4:
        return Case({"dir.html": Special("directory")}, ["check", "-q", "--format", "json", GOOD, "dir.html"])
    return Case(
        {"folder/zero.md": Special("symlink", "/dev/zero")}, ["check", "-q", "--format", "json", GOOD, "folder"]
    )


# -- generators: rules, configuration, lists, command line, outputs -------------------------

_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
)
_TEMPLATES = [
    "{0}",
    "{",
    "}",
    "{title.__class__}",
    "{title[999]}",
    "{text!z}",
    "{title:>300000000}",
    "{subject:%}",
    "{{}}",
]
_REGEXES = ["(", "(a+)+$", "\\", "[z-a]", "(?P<x>a)(?P<x>b)", "a{99999}", "(?<=a+)b", "\\p{Cyrillic}"]


def _rule(rng: random.Random) -> str:
    base = (ROOT / "rules/by/extremist.reader-warning.yaml").read_text("utf-8")
    change = rng.randrange(5)
    if change == 0:
        return base.replace("Reader warning for Belarus about {subject} is present.", rng.choice(_TEMPLATES))
    if change == 1:
        return base.replace(
            "        - in Belarus\n", f"    patterns: [{json.dumps(rng.choice(_REGEXES))}]\n        - in Belarus\n"
        )
    if change == 2:
        return rng.choice(["1: x\n", "yes: x\n", "~: x\n", "[a]: x\n"]) + base
    if change == 3:
        return _BOMB + base
    return rng.choice(["", "[", "- a\n- b\n", "id: x\n" * 3, "!!python/object/apply:os.system [echo]\n"])


def gen_rules(rng: random.Random) -> Case:
    command = rng.choice(
        [["check", "-q", "--format", "json", "--rules", "r.yaml", GOOD], ["rules", "validate", "r.yaml"]]
    )
    data = _rule(rng).encode()
    if rng.random() < 0.1:
        data = rng.choice([b"\xff\xfe", b"id: \xe9\n"]) + data
    return Case({"r.yaml": data}, command)


def gen_config(rng: random.Random) -> Case:
    deep = "[" * 5000 + "]" * 5000
    choice = rng.randrange(8)
    if choice == 0:
        files = {
            "pyproject.toml": rng.choice(
                [b'tool = "x"\n', b"[tool]\nchecker = [1]\n", b"[tool.checker]\nregions = 1\n"]
            )
        }
    elif choice == 1:
        files = {"pyproject.toml": ("a = " + deep + "\n").encode()}
    elif choice == 2:
        files = {
            "checker.yaml": rng.choice(
                [deep, "{" * 5000, _BOMB, "regions: [RU, ~, 1]\n", "- x\n", "publisher: [x]\n"]
            ).encode()
        }
    elif choice == 3:
        files = {"checker.yaml": b"publisher: \xff\xfe\n"}
    elif choice == 4:
        files = {"pyproject.toml": b'[tool.checker]\npublisher = "\xe9"\n'}
    elif choice == 5:
        files = {
            "checker.yaml": f"rules: [{rng.choice(['/dev/zero', 'fifo.yaml', '.', '/nonexistent'])}]\n".encode(),
            "fifo.yaml": Special("fifo"),
        }
    elif choice == 6:
        files = {"checker.yaml": b"as_of: 2026-02-30\nfail_on: bogus\n"}
    else:
        files = {"checker.yaml": ("regions: " + json.dumps([[[["RU"]]]]) + "\n").encode()}
    command = rng.choice([["check", "-q", "--format", "json", GOOD], ["config"]])
    return Case(files, command)


def gen_lists(rng: random.Random) -> Case:
    rows = [
        {
            "name": rng.choice(["Иван Петров", "²", "", "x" * 500, "Meduza [en]"]),
            "type": rng.choice(["person", "org", 1, None]),
            "is_person": rng.choice([True, "²", 10**400 if False else 10**40, None]),
            "dateIn": rng.choice(["2024-01-01", "2024-02-30", 99999999999999999999, None, "0000-00-00"]),
        }
        for _ in range(rng.randint(0, 5))
    ]
    export = json.dumps(rows, ensure_ascii=False)
    if rng.random() < 0.2:
        export = rng.choice(["[", "{}", "1" * 5000, '[{"name": 1e999}]', "[" * 3000])
    existing = rng.choice([b"", b"id: x\nentries: 1\n", b"- a\n", b"\xff", None])
    files: dict[str, bytes | Special] = {"export.json": export.encode()}
    if existing is not None:
        files["list.yaml"] = existing
    return Case(files, ["lists", "import", "--into", "list.yaml", "export.json"])


_PUBLISHERS = [
    "Meduza [en]",
    "[",
    "]",
    "{0}",
    "\x1b]0;t\x07",
    "",
    " ",
    "a" * 10000,
    "Белсат\u200b",
    "*",
    "(?:",
    "Meduza\n",
]


def gen_cli_args(rng: random.Random) -> Case:
    args = ["check", "-q", "--format", "json"]
    for _ in range(rng.randint(1, 3)):
        option = rng.choice(["--publisher", "--region", "--jurisdiction", "--as-of", "--lang"])
        value = rng.choice(_PUBLISHERS + ["RU,,BY", "ru", "XX", "2026-02-30", "0000-01-01", "-1", "EU;RU"])
        args += [option, value]
    if rng.random() < 0.3:  # the publisher may also come from the page
        name = rng.choice(_PUBLISHERS).replace('"', "&quot;")
        page = f'<meta property="og:site_name" content="{name}"><p>Text</p>'.encode("utf-8", "surrogatepass")
        return Case({"site.html": page}, [*args, GOOD, "site.html"])
    return Case({}, [*args, GOOD])


def gen_outputs(rng: random.Random) -> Case:
    target = rng.choice(["page.html", GOOD, "out/fifo", "null", "dir", "missing/dir/r.json", "", "-"])
    files: dict[str, bytes | Special] = {
        "page.html": b"<p>Hello</p>",
        "out/fifo": Special("fifo"),
        "null": Special("symlink", "/dev/null"),
        "dir": Special("directory"),
    }
    form = rng.choice(["--format json:{t}", "--format html:{t}", "-o {t}", "--format sarif:{t} --format json:{t}"])
    option = form.format(t=target).split(" ")
    return Case(files, ["check", "-q", *option, GOOD, "page.html"])


Generator = Callable[[random.Random], Case]
DOCUMENT_CLASSES: dict[str, Generator] = {
    "html": gen_html,
    "markdown": gen_markdown,
    "text": gen_text,
    "bytes": gen_bytes,
    "shapes": gen_shapes,
    "special-files": gen_special_files,
}
OTHER_CLASSES: dict[str, Generator] = {
    "rules": gen_rules,
    "config": gen_config,
    "lists": gen_lists,
    "cli-args": gen_cli_args,
    "outputs": gen_outputs,
}
CLASSES = {**DOCUMENT_CLASSES, **OTHER_CLASSES}


# -- running --------------------------------------------------------------------------------


class Outcome(NamedTuple):
    exit_code: int | None  # None: killed after the timeout
    stdout: str
    stderr: str
    traceback: str
    peak_kb: int
    outputs: str  # text of the files the run wrote


def _materialise(folder: Path, case: Case, rules: Path | None) -> None:
    (folder / GOOD).write_bytes(GOOD_TEXT)
    for name, content in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif content.kind == "fifo":
            os.mkfifo(path)
        elif content.kind == "symlink":
            path.symlink_to(content.target)
        else:
            path.mkdir()
    if rules is not None:
        shutil.copytree(rules, folder / ".fuzz-rules")


def _arguments(case: Case, light_rules: bool) -> list[str]:
    args = list(case.args)
    if light_rules and args[:1] == ["check"]:
        args[1:1] = ["--no-default-rules", "--rules", ".fuzz-rules"]
    return args


def _child(folder: Path, args: list[str], stdin: bytes, result: Path) -> None:
    """In the forked child: run the CLI in-process, write what happened to `result`."""
    from click.testing import CliRunner

    from checker.cli import main

    os.chdir(folder)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))
    try:
        run = CliRunner().invoke(main, args, input=stdin, catch_exceptions=True)
        error = ""
        if run.exception is not None and not isinstance(run.exception, SystemExit):
            error = "".join(traceback.format_exception(*run.exc_info)) if run.exc_info else repr(run.exception)
        report = {
            "exit": run.exit_code,
            "stdout": run.stdout[:200_000],
            "stderr": run.stderr[:20_000],
            "traceback": error,
        }
    except BaseException as exc:  # the runner itself failed
        report = {"exit": 1, "stdout": "", "stderr": "", "traceback": "".join(traceback.format_exception(exc))}
    result.write_text(json.dumps(report))


def run_case(case: Case, timeout: float, rules: Path | None) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="checker-fuzz-") as tmp:
        folder = Path(tmp) / "run"
        folder.mkdir()
        _materialise(folder, case, rules)
        before = _snapshot(folder)
        result = Path(tmp) / "result.json"
        pid = os.fork()
        if pid == 0:  # pragma: no cover - child
            code = 0
            try:
                _child(folder, _arguments(case, rules is not None), case.stdin, result)
            except BaseException:
                code = 3
            os._exit(code)
        deadline = time.monotonic() + timeout
        while True:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                _, _, usage = os.wait4(pid, 0)
                return Outcome(None, "", "", "", usage.ru_maxrss, "")
            time.sleep(0.01)
        outputs = _written(folder, before)
        if not result.exists():
            return Outcome(-1, "", "", f"child died with status {status}", usage.ru_maxrss, outputs)
        report = json.loads(result.read_text())
        return Outcome(
            report["exit"], report["stdout"], report["stderr"], report["traceback"], usage.ru_maxrss, outputs
        )


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """(size, modification time) of each regular file, to find what a run wrote."""
    files = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            status = path.stat()
            files[str(path)] = (status.st_size, status.st_mtime_ns)
    return files


def _written(folder: Path, before: dict[str, tuple[int, int]]) -> str:
    texts = []
    for name, stamp in _snapshot(folder).items():
        if ".fuzz-rules" not in name and before.get(name) != stamp:
            with contextlib.suppress(OSError):
                texts.append(Path(name).read_text("utf-8", "replace")[:200_000])
    return "\n".join(texts)


def judge(name: str, case: Case, outcome: Outcome, tally: Tally) -> None:
    tally.tried += 1
    tally.peak_kb = max(tally.peak_kb, outcome.peak_kb)
    problem = ""
    if outcome.exit_code is None:
        tally.hangs += 1
        problem = "hang"
    elif outcome.traceback or "Traceback (most recent call last)" in outcome.stderr:
        tally.tracebacks += 1
        lines = (outcome.traceback or outcome.stderr).strip().splitlines()
        problem = "traceback: " + (lines[-1] if lines else "?")
    elif case.args[:1] == ["check"] and GOOD in case.args and not _discarded(case) and _lost(name, outcome):
        tally.lost += 1
        problem = f"lost {GOOD} (exit {outcome.exit_code})"
    if outcome.exit_code == 2:
        lines = [line for line in outcome.stderr.splitlines() if line.strip() and not line.startswith("warning")]
        if len(lines) > 1:
            tally.long_errors += 1
    if problem and len(tally.samples) < 3:
        tally.samples.append(f"{problem} <- {_describe(case)}")


def _lost(name: str, outcome: Outcome) -> bool:
    reported = GOOD in outcome.stdout or GOOD in outcome.outputs
    if reported:
        return False
    # An unusable rule, configuration or option may stop the whole run with exit 2 and one
    # line: that is no lost document. A hostile article must never stop the others.
    return name in DOCUMENT_CLASSES or outcome.exit_code in (0, 1)


def _discarded(case: Case) -> bool:
    """Whether every report of the run was asked for on a device (a link to /dev/null): the
    good article is then reported where the user said, and nowhere the harness can see."""
    args = case.args
    targets = [a for before, a in zip(args, args[1:]) if before == "-o"]
    targets += [a.split(":", 1)[1] for before, a in zip(args, args[1:]) if before == "--format" and ":" in a]

    def device(target: str) -> bool:
        content = case.files.get(target)
        return isinstance(content, Special) and content.kind == "symlink" and content.target.startswith("/dev/")

    return bool(targets) and all(device(t) for t in targets)


def _describe(case: Case) -> str:
    files = {name: (content[:80] if isinstance(content, bytes) else content) for name, content in case.files.items()}
    return f"args={case.args!r} files={files!r}"[:400]


def run(
    classes: Iterable[str],
    count: int,
    seed: int,
    timeout: float,
    full_rules: bool,
    progress: int = 0,
) -> dict[str, Tally]:
    """Run `count` inputs spread over `classes`; returns the tally per class. With `progress`,
    a line on standard error every that many inputs."""
    names = list(classes)
    rng = random.Random(seed)
    tallies = {name: Tally() for name in names}
    with tempfile.TemporaryDirectory(prefix="checker-fuzz-rules-") as tmp:
        rules = None if full_rules else _light_rules(Path(tmp))
        _warm_up(rules)
        try:
            for i in range(count):
                name = names[i % len(names)]
                case = CLASSES[name](random.Random(rng.getrandbits(64)))
                judge(name, case, run_case(case, timeout, rules), tallies[name])
                if progress and (i + 1) % progress == 0:
                    print(f"{i + 1}/{count} inputs", file=sys.stderr, flush=True)
        except KeyboardInterrupt:  # Ctrl-C: report what ran so far
            print(f"interrupted after {sum(t.tried for t in tallies.values())} inputs", file=sys.stderr)
    return tallies


def _light_rules(folder: Path) -> Path:
    rules = folder / "rules"
    (rules / "lists").mkdir(parents=True)
    shutil.copy(ROOT / "rules/by/extremist.reader-warning.yaml", rules)
    shutil.copy(ROOT / "rules/lists/by.extremist-formations.yaml", rules / "lists")
    return rules


def _warm_up(rules: Path | None) -> None:
    """One run in this process, so every child starts with the imports and caches done."""
    from click.testing import CliRunner

    from checker.cli import main

    with tempfile.TemporaryDirectory() as tmp, _chdir(tmp):
        Path(GOOD).write_bytes(GOOD_TEXT)
        args = (
            ["check", "-q", GOOD]
            if rules is None
            else ["check", "-q", "--no-default-rules", "--rules", str(rules), GOOD]
        )
        CliRunner().invoke(main, args)


class _chdir:  # contextlib.chdir is Python 3.11+
    def __init__(self, path: str):
        self.path, self.old = path, os.getcwd()

    def __enter__(self) -> None:
        os.chdir(self.path)

    def __exit__(self, *exc: object) -> None:
        os.chdir(self.old)


def table(tallies: dict[str, Tally]) -> str:
    header = f"{'class':<14}{'tried':>7}{'traceback':>10}{'hang':>6}{'lost':>6}{'multiline':>10}{'peak MB':>9}"
    rows = [header, "-" * len(header)]
    for name, t in tallies.items():
        counts = f"{t.tried:>7}{t.tracebacks:>10}{t.hangs:>6}{t.lost:>6}{t.long_errors:>10}"
        rows.append(f"{name:<14}{counts}{t.peak_kb // 1024:>9}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="inputs to generate, spread over the classes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--class", dest="classes", action="append", choices=sorted(CLASSES), help="repeatable")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a run counts as a hang")
    parser.add_argument("--full-rules", action="store_true", help="use the bundled rule pack (slower)")
    parser.add_argument("--verbose", action="store_true", help="show a few failing inputs per class")
    options = parser.parse_args(argv)
    classes = options.classes or CLASSES
    signal.signal(signal.SIGINT, signal.default_int_handler)  # also when started in the background
    tallies = run(classes, options.count, options.seed, options.timeout, options.full_rules, progress=100)
    print(table(tallies))
    for name, t in tallies.items():
        for sample in t.samples if options.verbose or t.failed else ():
            print(f"{name}: {sample}")
    return 1 if any(t.failed for t in tallies.values()) else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
