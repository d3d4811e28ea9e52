"""Which files a run checks: the paths given, folders walked (hidden ones skipped).

Every entry is looked at before it is read: a walked name that is a FIFO, a device, a
socket, a dangling link or a symlink loop is an error naming it (the run goes on), never a
hang or a traceback. The same file given twice (`a.md ./a.md`, or a folder and a file in
it) is checked once, under the first name it was given by.

Names are shown as `display_name` makes them: a file name need not be text (Unix allows
any bytes but NUL and `/`), and a report must stay valid UTF-8 and one line per finding.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from factlint.core.safe_read import file_kind
from factlint.read.decode import decode_bytes

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def display_name(raw: str) -> str:
    """A path as reports show it, always printable UTF-8 on one line.

    Bytes that are not UTF-8 (which Python keeps as surrogate escapes) are written `\\xNN`,
    control characters `\\n`, `\\r`, `\\t` or `\\xNN`, and a backslash beside any of them
    `\\\\`; a name of plain text is left exactly as it is."""
    if raw.isprintable() and not any(0xDC80 <= ord(c) <= 0xDCFF for c in raw):
        return raw
    out: list[str] = []
    for char in raw:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif code < 0x20 or 0x7F <= code < 0xA0 or char in "\u2028\u2029":
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def discover(paths: Sequence[str], suffixes: Sequence[str]) -> tuple[list[tuple[Path, str]], list[str]]:
    """Files to check (folders recurse; hidden folders skipped) and errors for paths that
    cannot be checked. Each file comes once, with the name reports show it by."""
    found: list[tuple[Path, str]] = []
    errors: list[str] = []
    seen: set[tuple[int, int] | str] = set()

    def add(path: Path, raw: str) -> None:
        shown = display_name(raw)
        try:
            info = os.stat(path)
        except OSError as error:
            reason = "symlink loop" if error.errno == errno.ELOOP else (error.strerror or str(error))
            errors.append(f"{shown}: cannot read: {reason}")
            return
        if not stat.S_ISREG(info.st_mode):
            errors.append(f"{shown}: not a regular file ({file_kind(info.st_mode)})")
            return
        identity = (info.st_dev, info.st_ino)
        if identity not in seen:
            seen.add(identity)
            found.append((path, shown))

    for raw in paths:
        if raw == "-":
            if "-" not in seen:
                seen.add("-")
                found.append((Path(raw), raw))
            continue
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(tuple(suffixes)) and not name.startswith("."):
                        full = Path(root) / name
                        add(full, full.as_posix())
        elif os.path.lexists(path):
            add(path, raw)
        else:
            errors.append(f"{display_name(raw)}: no such file or directory")
    return found, errors


def decoded_source(data: bytes) -> str:
    """The source text reporters quote, decoded as `read_file` does (without the NLP)."""
    text = decode_bytes(data).text or ""
    return text[1:] if text.startswith("\ufeff") else text
