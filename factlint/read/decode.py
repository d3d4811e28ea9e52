"""Bytes to text: BOMs, UTF-16, invalid UTF-8 and binary files, each said out loud."""

from __future__ import annotations

import codecs
from dataclasses import dataclass


@dataclass(frozen=True)
class Decoded:
    text: str | None  # None: not text (binary)
    warning: str = ""
    offset: int = 0  # code-point offset in `text` of the first replaced character, where the warning points


def decode_bytes(data: bytes) -> Decoded:
    if data.startswith(codecs.BOM_UTF8):
        return _utf8(data[len(codecs.BOM_UTF8) :])
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            text = data[len(bom) :].decode(codec, errors="replace")
            warning = "invalid UTF-16 was replaced by U+FFFD" if "\ufffd" in text else ""
            return Decoded(text, warning, max(text.find("\ufffd"), 0))
    if b"\x00" in data[:8192]:
        return Decoded(None, "binary file (it contains NUL bytes), not checked")
    return _utf8(data)


def _utf8(data: bytes) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        text = data.decode("utf-8", errors="replace")
        offset = len(data[: error.start].decode("utf-8"))  # the prefix is valid: positions before it stay exact
        replaced = text.count("\ufffd") - data.count("\ufffd".encode())
        where = f"at byte {error.start}" + (f" and {replaced - 1} more place(s)" if replaced > 1 else "")
        return Decoded(text, f"invalid UTF-8 {where} was replaced by U+FFFD", offset)
