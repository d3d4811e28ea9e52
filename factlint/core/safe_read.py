"""One way to read any file factlint is given: only regular files, never more than a limit.

Articles, rule files, lexicons, calendars, configuration and cache entries all come through
`read_regular`. Why not `Path.read_bytes()`: a FIFO blocks it forever, `/dev/zero` fills
memory, and `stat()` before `open()` can be raced. So the file is opened with `O_NONBLOCK`
(a FIFO opens at once instead of waiting for a writer; the flag is harmless on a regular
file), checked with `fstat` on the open descriptor (what is read is what was checked), and
read in chunks up to the limit plus one byte (a file that grows while read still stops).
Every problem is a `FactlintError` subclass naming the path, so a shell reports it and goes on.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from factlint.core.errors import FactlintError

MiB = 1024 * 1024

_CHUNK = 1 << 20
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class UnreadableFile(FactlintError, OSError):
    """A path that is not a regular file, cannot be opened, or is over its size limit."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path, self.problem = path, problem


class FileTooLarge(UnreadableFile):
    """A regular file over the limit: `size` is what `fstat` said (or at least limit + 1)."""

    def __init__(self, path: str, size: int, limit: int) -> None:
        super().__init__(path, f"file is {size:,} bytes; the limit is {limit:,} bytes")
        self.size, self.limit = size, limit


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words, for the error message."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def read_regular(path: Path | str, limit: int, *, shown: str | None = None) -> bytes:
    """The bytes of the regular file at `path` (symlinks followed), at most `limit` of them.

    Raises `UnreadableFile` (not a regular file, cannot open or read) or `FileTooLarge`.
    `shown` is the name used in messages (default: the path as given).
    """
    name = shown if shown is not None else str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise UnreadableFile(name, f"cannot read: {error.strerror or error}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(name, f"not a regular file ({file_kind(info.st_mode)})")
        if info.st_size > limit:
            raise FileTooLarge(name, info.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(descriptor, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise FileTooLarge(name, total, limit)
        return b"".join(chunks)
    except OSError as error:
        if isinstance(error, UnreadableFile):
            raise
        raise UnreadableFile(name, f"cannot read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)


def read_regular_text(path: Path | str, limit: int, *, shown: str | None = None, errors: str = "strict") -> str:
    """`read_regular` decoded as UTF-8 (a leading BOM dropped); undecodable bytes are an
    `UnreadableFile` naming the byte offset unless `errors` says otherwise."""
    name = shown if shown is not None else str(path)
    data = read_regular(path, limit, shown=name)
    try:
        text = data.decode("utf-8", errors=errors)
    except UnicodeDecodeError as error:
        raise UnreadableFile(name, f"not valid UTF-8 (byte {error.start:,}: {data[error.start:error.start + 1]!r})") from None
    return text[1:] if text.startswith("\ufeff") else text
