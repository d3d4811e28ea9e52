"""`factlint lsp` end to end: a subprocess driven over stdio with raw JSON-RPC, as an editor would."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "rappler-2019-10-04-duterte-putin.txt"
TIMEOUT = 90.0  # the first lint loads spaCy; a hung server fails the test instead of hanging it


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Client:
    """A minimal LSP client: Content-Length framing, requests by id, notifications by method."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "factlint", "lsp"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.stashed: list[dict[str, Any]] = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers: dict[str, str] = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self.messages.put(json.loads(body))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        ident = self.next_id
        self.send({"id": ident, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == ident and "method" not in m, f"reply to {method}")
        assert "error" not in reply, reply
        return reply["result"]

    def wait(self, wanted, what: str, timeout: float = TIMEOUT) -> dict[str, Any]:
        for index, message in enumerate(self.stashed):
            if wanted(message):
                return self.stashed.pop(index)
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                pytest.fail(f"timed out waiting for {what}; stderr: {self._stderr()}")
            try:
                message = self.messages.get(timeout=remaining)
            except queue.Empty:
                continue
            if "method" in message and "id" in message:  # a server request (e.g. registerCapability)
                self.send({"id": message["id"], "result": None})
                continue
            if wanted(message):
                return message
            self.stashed.append(message)

    def diagnostics(self, uri: str, version: int) -> list[dict[str, Any]]:
        def published(m: dict[str, Any]) -> bool:
            return (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version") == version
            )

        return self.wait(published, f"diagnostics for {uri} v{version}")["params"]["diagnostics"]

    def _stderr(self) -> str:
        if self.process.poll() is None:
            return "(server still running)"
        assert self.process.stderr is not None
        return self.process.stderr.read().decode("utf-8", "replace")[-2000:]

    def open(self, uri: str, text: str, language: str = "plaintext") -> None:
        document = {"uri": uri, "languageId": language, "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": document})

    def close(self) -> int:
        if self.process.poll() is None:
            self.request("shutdown", None)
            self.notify("exit", None)
            try:
                return self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                pytest.fail("server did not exit after shutdown/exit")
        return self.process.returncode


@pytest.fixture(scope="module")
def client():
    client = Client()
    try:
        result = client.request(
            "initialize",
            {"processId": os.getpid(), "rootUri": None, "capabilities": {"general": {"positionEncodings": ["utf-16"]}}},
        )
        assert result["serverInfo"]["name"] == "factlint"
        capabilities = result["capabilities"]
        assert capabilities.get("positionEncoding", "utf-16") == "utf-16"
        assert capabilities["hoverProvider"]
        assert capabilities["codeActionProvider"]
        client.notify("initialized", {})
        yield client
    finally:
        if client.process.poll() is None:
            client.process.kill()
            client.process.wait()


def weekday(diagnostics: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [d for d in diagnostics if d["code"] == "weekday-mismatch"]


def test_seed_diagnostic_code_action_and_fix(client: Client) -> None:
    uri = "file:///tmp/x/seed.txt"
    text = SEED.read_text(encoding="utf-8")
    client.open(uri, text)
    found = weekday(client.diagnostics(uri, 1))
    assert len(found) == 1
    diagnostic = found[0]
    line = text.splitlines()[18]
    start = line.index("Wednesday, October 1")
    assert diagnostic["range"] == {
        "start": {"line": 18, "character": 57},
        "end": {"line": 18, "character": start + len("Wednesday, October 1")},
    }
    assert start == 57
    assert diagnostic["source"] == "factlint"
    assert diagnostic["severity"] == 1  # Error
    assert diagnostic["message"].startswith("October 1, 2019 was a Tuesday, not a Wednesday")

    actions = client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}},
    )
    titles = [a["title"] for a in actions]
    assert titles == ['Replace with "Tuesday, October 1"', 'Replace with "Wednesday, October 2"']
    action = actions[0]
    assert action["kind"] == "quickfix"
    assert action["diagnostics"][0]["code"] == "weekday-mismatch"
    edits = action["edit"]["changes"][uri]
    assert edits == [
        {"range": {"start": {"line": 18, "character": 57}, "end": {"line": 18, "character": 66}}, "newText": "Tuesday"}
    ]

    lines = text.split("\n")
    fixed_line = lines[18][:57] + edits[0]["newText"] + lines[18][66:]
    assert "on Tuesday, October 1, for his second visit" in fixed_line
    fixed = "\n".join([*lines[:18], fixed_line, *lines[19:]])
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]})
    assert weekday(client.diagnostics(uri, 2)) == []

    # The buffer, not the disk: break it again in the editor only, incrementally this time.
    change = {"range": edits[0]["range"] | {"end": {"line": 18, "character": 64}}, "text": "Wednesday"}
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [change]})
    assert [d["range"]["start"] for d in weekday(client.diagnostics(uri, 3))] == [{"line": 18, "character": 57}]


def test_hover_shows_resolution(client: Client) -> None:
    uri = "file:///tmp/x/hover.txt"
    text = SEED.read_text(encoding="utf-8")
    client.open(uri, text)
    client.diagnostics(uri, 1)
    line = text.splitlines()[2]
    character = utf16(line[: line.index("October 3")]) + 3
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": character}})
    value = hover["contents"]["value"]
    assert "2019-10-03" in value
    assert "publication date" in value and "2019-10-04" in value
    start = utf16(line[: line.index("Thursday, October 3")])
    assert hover["range"]["start"] == {"line": 2, "character": start}
    # Outside any date expression there is nothing to say.
    assert client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 2}}) is None


def test_positions_count_utf16_code_units(client: Client) -> None:
    uri = "file:///tmp/x/utf16.md"
    line = "Malacañang 🎉 said Duterte arrived on Wednesday, October 1, 2019, in Moscow."
    text = "---\ndate: 2019-10-04\n---\n\n" + line + "\n"
    client.open(uri, text, "markdown")
    [diagnostic] = weekday(client.diagnostics(uri, 1))
    prefix = line[: line.index("Wednesday")]
    assert utf16(prefix) == len(prefix) + 1  # the emoji is a surrogate pair
    assert diagnostic["range"]["start"] == {"line": 4, "character": utf16(prefix)}
    assert diagnostic["range"]["end"] == {"line": 4, "character": utf16(line[: line.index(", in Moscow")])}
    actions = client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}},
    )
    [edit] = actions[0]["edit"]["changes"][uri]
    assert edit["newText"] == "Tuesday"
    assert edit["range"]["start"]["character"] == utf16(prefix)
    assert edit["range"]["end"]["character"] == utf16(prefix) + len("Wednesday")
    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 4, "character": utf16(prefix) + 12}}
    )
    assert "2019-10-01" in hover["contents"]["value"]
    assert "written in the expression" in hover["contents"]["value"]


def test_related_information_points_at_the_year_anchor(client: Client) -> None:
    uri = "file:///tmp/x/anchor.txt"
    line = "Malacañang 🎉 said that in May 2017 Duterte flew to Moscow and met Putin on Monday, May 23."
    client.open(uri, line + "\n")
    [diagnostic] = weekday(client.diagnostics(uri, 1))
    assert diagnostic["range"]["start"] == {"line": 0, "character": utf16(line[: line.index("Monday")])}
    [related] = diagnostic["relatedInformation"]
    assert related["location"]["uri"] == uri
    start = utf16(line[: line.index("May 2017")])
    assert related["location"]["range"] == {
        "start": {"line": 0, "character": start},
        "end": {"line": 0, "character": start + len("May 2017")},
    }
    assert "2017" in related["message"]
    hover = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 0, "character": utf16(line[: line.index("May 23")])}},
    )
    assert "2017-05-23" in hover["contents"]["value"]
    assert 'anchor "May 2017" (line 1)' in hover["contents"]["value"]


def test_changes_are_debounced_to_the_latest_version(client: Client) -> None:
    uri = "file:///tmp/x/typing.txt"
    client.open(uri, "They met on Tuesday, October 1, 2019.\n")
    assert weekday(client.diagnostics(uri, 1)) == []
    for version, day in ((2, "Wednesday"), (3, "Thursday"), (4, "Friday")):  # a burst of keystrokes
        change = {"text": f"They met on {day}, October 1, 2019.\n"}
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
    [diagnostic] = weekday(client.diagnostics(uri, 4))
    assert "not a Friday" in diagnostic["message"]
    stale = [m for m in client.stashed if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri]
    assert stale == []  # versions 2 and 3 were never linted, or their results dropped


def test_an_edited_configuration_is_seen_at_the_next_lint(client: Client, tmp_path: Path) -> None:
    """A running server reads the nearest .factlint.yaml afresh: turning a rule off, then on
    again, changes the next lint of an open buffer (the file's stat is the parse cache's key)."""
    config = tmp_path / ".factlint.yaml"
    config.write_text("ignore: [weekday-mismatch]\n", encoding="utf-8")
    article = tmp_path / "story.txt"
    uri = article.as_uri()
    text = "date 2019-10-04\nHe arrived on Wednesday, October 1, in Moscow.\n"
    client.open(uri, text)
    assert weekday(client.diagnostics(uri, 1)) == []
    config.write_text("ignore: [quantity-conflict]\n", encoding="utf-8")
    change = {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": text + "\n"}]}
    client.notify("textDocument/didChange", change)
    assert [d["range"]["start"] for d in weekday(client.diagnostics(uri, 2))] == [{"line": 1, "character": 14}]
    config.unlink()  # no configuration at all: the defaults, every rule on
    change = {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": text}]}
    client.notify("textDocument/didChange", change)
    assert len(weekday(client.diagnostics(uri, 3))) == 1
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})


def test_close_clears_and_shutdown_exits(client: Client) -> None:
    uri = "file:///tmp/x/closing.txt"
    client.open(uri, "Published 2019-10-04.\n\nThey met on Wednesday, October 1, 2019.\n")
    assert weekday(client.diagnostics(uri, 1))
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    cleared = client.wait(
        lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri, "cleared diagnostics"
    )
    assert cleared["params"]["diagnostics"] == []
    assert client.close() == 0


@pytest.mark.parametrize(("encoding", "expected"), [("utf-16", 14), ("utf-8", 17), ("utf-32", 13)])
def test_buffer_converts_columns_in_the_negotiated_encoding(encoding: str, expected: int) -> None:
    from factlint.core.diagnostics import Position
    from factlint.shells.lsp import Buffer

    text = "\ufefftitle\nMalacañang 🎉 Wednesday\r\nend"
    buffer = Buffer.of(text, encoding)
    # factlint column 14 (1-based, code points, BOM dropped) is the "W" of line 2.
    assert buffer.position(Position(2, 14)) == types_position(1, expected)
    assert text[buffer.offset(types_position(1, expected))] == "W"
    assert buffer.position(Position(1, 1)) == types_position(0, 1 if encoding != "utf-8" else 3)  # after the BOM
    assert buffer.position(Position(9, 1)) == types_position(2, 3)  # past the end: clamped


def types_position(line: int, character: int):
    from lsprotocol.types import Position

    return Position(line=line, character=character)
