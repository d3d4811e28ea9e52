"""What the README shows a command printing is what it prints: its examples are run.

The README marks its examples with HTML comments (invisible on GitHub):

    <!-- example: NAME -->             a fresh folder for the files and commands that follow
    <!-- file: PATH -->                the next fenced block, verbatim, is the file PATH there
    <!-- edit: PATH: OLD => NEW -->    the prose says the reader changes PATH so
    <!-- undo edits -->                the files are as the blocks show them again

A ```console block's `$ factlint ...` lines are run there as a real process (the seed's
example on a pseudo-terminal, as a reader sees it); what follows each command, up to the
next `$`, is its expected output, where a line `...` stands for any lines.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shlex
import shutil
import struct
import subprocess
import sys
import termios
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
FACTLINT = shutil.which("factlint", path=str(Path(sys.executable).parent)) or "factlint"
_MARK = re.compile(r"<!-- (example|file|edit|undo)(?:: (.*?))?(?: edits)? -->")
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


@dataclass
class Command:
    line: int
    argv: list[str]
    expected: list[str]


@dataclass
class Example:
    name: str
    files: dict[str, str] = field(default_factory=dict)
    steps: list[tuple[dict[str, str], Command]] = field(default_factory=list)


def examples() -> list[Example]:
    """The README's examples, each with the files every command sees when it runs."""
    found: list[Example] = [Example("seed")]
    edits: list[tuple[str, str, str]] = []
    pending_file: str | None = None
    position = 0
    while True:
        mark, fence = _MARK.search(README, position), _FENCE.search(README, position)
        if fence is None:
            break
        if mark is not None and mark.start() < fence.start():
            kind, value = mark.group(1), mark.group(2)
            if kind == "example":
                found.append(Example(value))
                edits = []
            elif kind == "file":
                pending_file = value
            elif kind == "edit":
                path, change = value.split(": ", 1)
                old, new = change.split(" => ")
                edits.append((path, old, new))
            else:
                edits = []
            position = mark.end()
            continue
        body = fence.group(2)
        if pending_file is not None:
            found[-1].files[pending_file] = body
            pending_file = None
        elif fence.group(1) == "console":
            files = dict(found[-1].files)
            for path, old, new in edits:
                assert old in files[path], f"README edit: {old!r} is not in {path}"
                files[path] = files[path].replace(old, new)
            line = README.count("\n", 0, fence.start()) + 2
            for command in _commands(body, line):
                found[-1].steps.append((files, command))
        position = fence.end()
    return [example for example in found if example.steps]


def _commands(body: str, first_line: int) -> list[Command]:
    commands: list[Command] = []
    for number, text in enumerate(body.splitlines(), first_line):
        if text.startswith("$ "):
            commands.append(Command(number, shlex.split(text[2:]), []))
        elif commands:
            commands[-1].expected.append(text)
    return commands


def _matches(expected: list[str], actual: list[str]) -> bool:
    if not expected:
        return not actual
    if expected[0].strip() == "...":
        return any(_matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and _matches(expected[1:], actual[1:])


def _on_a_terminal(argv: list[str], cwd: Path, columns: int = 120) -> str:
    """`argv` as a reader runs it in a terminal `columns` wide (colour off: NO_COLOR)."""
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": str(columns), "TERM": "xterm"}
    env.pop("CI", None)
    process = subprocess.Popen(argv, cwd=cwd, stdin=secondary, stdout=secondary, stderr=secondary, env=env)
    os.close(secondary)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([primary], [], [], 120)
        if not ready:
            process.kill()
            break
        try:
            data = os.read(primary, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=60)
    os.close(primary)
    text = _ANSI.sub("", b"".join(chunks).decode("utf-8", "replace")).replace("\r\n", "\n")
    return "\n".join(line.split("\r")[-1] for line in text.split("\n"))  # a carriage return rewrites its line


def _run(example: Example, files: dict[str, str], command: Command, folder: Path) -> list[str]:
    argv = [FACTLINT if command.argv[0] == "factlint" else command.argv[0], *command.argv[1:]]
    if example.name == "seed":
        output = _on_a_terminal(argv, ROOT)
    else:
        shutil.rmtree(folder, ignore_errors=True)
        for path, text in files.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text, encoding="utf-8")
        done = subprocess.run(argv, cwd=folder, capture_output=True, text=True, timeout=300)
        output = done.stdout + done.stderr
    return [line.rstrip() for line in output.rstrip("\n").splitlines()]


CASES = [(example, files, command) for example in examples() for files, command in example.steps]


def test_the_readme_examples_are_found() -> None:
    assert [(e.name, [c.argv for _f, c in e.steps]) for e in examples()] == [
        (
            "seed",
            [
                ["factlint", "check", "seeds/"],
                ["factlint", "check", "tests/data/languages/seed-es.txt", "--format", "text"],
                ["factlint", "check", "tests/data/languages/seed-fr.txt", "--format", "text"],
            ],
        ),
        ("calendars", [["factlint", "facts"], ["factlint", "facts"], ["factlint", "check", "stories/"]]),
    ]


@pytest.mark.parametrize(
    ("example", "files", "command"), CASES, ids=[f"README:{c.line}:{' '.join(c.argv)}" for _e, _f, c in CASES]
)
def test_readme_output_is_what_the_command_prints(
    example: Example, files: dict[str, str], command: Command, tmp_path: Path
) -> None:
    actual = _run(example, files, command, tmp_path / "example")
    expected = [line.rstrip() for line in command.expected]
    assert _matches(expected, actual), "README line {}: `{}` printed:\n{}".format(
        command.line, " ".join(command.argv), "\n".join(actual)
    )
