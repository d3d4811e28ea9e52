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

    def send_raw(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def reply(self, ident: Any, what: str, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The whole response to request `ident` (result or error)."""
        return self.wait(lambda m: m.get("id") == ident and "method" not in m, what, timeout)

    def initialize(self) -> None:
        capabilities = {"general": {"positionEncodings": ["utf-16"]}}
        self.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": capabilities})
        self.notify("initialized", {})

    def ended(self, timeout: float) -> bool:
        """Whether the server process ends within `timeout` seconds (else it is killed)."""
        try:
            self.process.wait(timeout=timeout)
            return True
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return False

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

    def diagnostics(self, uri: str, version: int, timeout: float = TIMEOUT) -> list[dict[str, Any]]:
        def published(m: dict[str, Any]) -> bool:
            return (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version") == version
            )

        return self.wait(published, f"diagnostics for {uri} v{version}", timeout)["params"]["diagnostics"]

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


# -- robustness (issue 17, items 9 and 14) and start-up (issue 18)

BIG = SEED.read_text(encoding="utf-8") * 400  # ~1 MB: its lint runs for tens of seconds


@pytest.mark.parametrize("how", ["shutdown-exit", "end-of-input"])
def test_the_server_ends_while_a_big_lint_runs(how: str) -> None:
    """No orphan: a lint on a huge buffer does not keep the server alive after `exit`, nor
    after the client closes its end of the pipe (it used to run on at 97% CPU, parent PID 1)."""
    client = Client()
    try:
        client.initialize()
        client.open("file:///tmp/x/big.txt", BIG)
        time.sleep(3.0)  # the lint is under way (or the model still loading: either must stop)
        if how == "shutdown-exit":
            assert client.request("shutdown", None) is None
            client.notify("exit", None)
        else:
            assert client.process.stdin is not None
            client.process.stdin.close()
        assert client.ended(8.0), f"the server still runs 8 s after {how}"
    finally:
        if client.process.poll() is None:
            client.process.kill()


def test_a_small_edit_after_a_big_buffer_is_linted_promptly() -> None:
    """A newer version cancels the lint of the older one: the big buffer's lint is stopped and
    the small edit's diagnostics come in seconds, not after the big lint (minutes)."""
    client = Client()
    uri = "file:///tmp/x/huge.txt"
    try:
        client.initialize()
        client.open("file:///tmp/x/warm.txt", "They met on Wednesday, October 1, 2019.\n")
        assert weekday(client.diagnostics("file:///tmp/x/warm.txt", 1))  # the worker is warm
        client.open(uri, BIG)
        time.sleep(2.0)  # its lint is running
        started = time.monotonic()
        change = {"text": "They met on Thursday, October 1, 2019.\n"}
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [change]})
        [diagnostic] = weekday(client.diagnostics(uri, 2, timeout=30.0))
        assert "not a Thursday" in diagnostic["message"]
        assert time.monotonic() - started < 30.0
        stale = [m for m in client.stashed if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri]
        assert stale == []  # the big version's lint was stopped, never published
        assert client.close() == 0
    finally:
        if client.process.poll() is None:
            client.process.kill()


@pytest.mark.parametrize(
    "params",
    [
        None,
        {"textDocument": {"uri": "file:///tmp/x/none.txt"}, "position": {"line": -1, "character": 0}},
        {"textDocument": {"uri": "file:///tmp/x/none.txt"}, "position": {"line": 0, "character": -5}},
        {"textDocument": {"uri": "file:///tmp/x/none.txt"}},
        "not an object",
    ],
    ids=["null", "negative-line", "negative-character", "no-position", "string"],
)
def test_bad_params_get_an_invalid_params_error(client: Client, params: Any) -> None:
    client.next_id += 1
    ident = client.next_id
    client.send({"id": ident, "method": "textDocument/hover", "params": params})
    reply = client.reply(ident, "an error response", timeout=10.0)
    assert reply["error"]["code"] == -32602, reply  # InvalidParams
    client.next_id += 1
    code_action = {"textDocument": {"uri": "file:///tmp/x/none.txt"}, "range": None, "context": {"diagnostics": []}}
    client.send({"id": client.next_id, "method": "textDocument/codeAction", "params": code_action})
    assert client.reply(client.next_id, "an error response", timeout=10.0)["error"]["code"] == -32602


@pytest.mark.parametrize("length", [b"99999", b"3", b"abc", b""], ids=["too-long", "too-short", "not-a-number", "empty"])
def test_a_bad_content_length_loses_only_its_own_message(client: Client, length: bytes) -> None:
    """After a wrong header the next request is still read and answered."""
    body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///n"}}})
    client.send_raw(b"Content-Length: " + length + b"\r\n\r\n" + body.encode("utf-8"))
    hover = {"textDocument": {"uri": "file:///tmp/x/unopened.txt"}, "position": {"line": 0, "character": 0}}
    assert client.request("textDocument/hover", hover) is None


@pytest.mark.parametrize("breaking", ["configuration", "front-matter"])
def test_a_failed_lint_clears_the_old_diagnostics(client: Client, tmp_path: Path, breaking: str) -> None:
    """A lint that raises (a configuration error; front matter `date: 2019-02-30`) must not
    leave the previous version's diagnostics standing, and says why in the client's log."""
    article = tmp_path / "story.md"
    uri = article.as_uri()
    text = "---\ndate: 2019-10-04\n---\n\nHe arrived on Wednesday, October 1, in Moscow.\n"
    client.open(uri, text, "markdown")
    assert len(weekday(client.diagnostics(uri, 1))) == 1
    if breaking == "configuration":
        (tmp_path / ".factlint.yaml").write_text("nonsense-key: 1\n", encoding="utf-8")
        changed = text.replace("Wednesday", "Thursday")
    else:
        changed = text.replace("2019-10-04", "2019-02-30").replace("Wednesday, October 1", "October 1")
    change = {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": changed}]}
    client.notify("textDocument/didChange", change)
    assert weekday(client.diagnostics(uri, 2)) == []  # published again, and the stale one is gone
    if breaking == "configuration":
        logged = client.wait(lambda m: m.get("method") == "window/logMessage", "the failure in the log")
        assert "could not check" in logged["params"]["message"] and "nonsense-key" in logged["params"]["message"]
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})


def test_debounce_lints_at_once_after_a_pause_and_waits_within_a_burst() -> None:
    from factlint.shells.lsp import MAX_DEBOUNCE_SECONDS, MIN_DEBOUNCE_SECONDS, PAUSE_SECONDS, debounce

    assert debounce(float("inf")) == 0.0  # the first change
    assert debounce(PAUSE_SECONDS) == 0.0
    assert debounce(0.1) == pytest.approx(0.15)  # typing: wait a little longer than the gap
    assert debounce(0.001) == MIN_DEBOUNCE_SECONDS
    assert debounce(0.4) == MAX_DEBOUNCE_SECONDS


def _frames(data: bytes) -> list[tuple[bytes, str]]:
    from factlint.shells.lsp_transport import Framer

    framer = Framer()
    framer.feed(data)
    frames = []
    for quiet in (False, True):
        while (frame := framer.take(quiet)) is not None:
            frames.append((frame.body, frame.error))
    assert framer.buffer == b""
    return frames


def _message(body: bytes, length: bytes | None = None) -> bytes:
    return b"Content-Length: " + (str(len(body)).encode() if length is None else length) + b"\r\n\r\n" + body


@pytest.mark.parametrize("length", [b"999", b"5", b"x", b"0"])
def test_framer_reads_a_body_by_its_json_when_the_length_is_wrong(length: bytes) -> None:
    first, second = b'{"jsonrpc": "2.0", "id": 1, "method": "a"}', b'{"jsonrpc": "2.0", "id": 2, "method": "b"}'
    assert _frames(_message(first, length) + _message(second)) == [(first, ""), (second, "")]


def test_framer_skips_garbage_and_waits_for_a_body_in_pieces() -> None:
    from factlint.shells.lsp_transport import Framer

    good = b'{"jsonrpc": "2.0", "id": 2, "method": "b"}'
    [(body, error), after] = _frames(_message(b"not json at all", b"15") + _message(good))
    assert body == b"" and "not JSON" in error and after == (good, "")
    framer = Framer()
    whole = _message(b'{"text": "' + b"x" * 100_000 + b'"}')
    framer.feed(whole[:50_000])
    assert framer.take() is None and framer.take(quiet=True) is None  # a slow client: wait, do not drop
    framer.feed(whole[50_000:])
    frame = framer.take()
    assert frame is not None and len(frame.body) == 100_012


def test_close_clears_and_shutdown_exits(client: Client) -> None:
    uri = "file:///tmp/x/closing.txt"
    client.open(uri, "Published 2019-10-04.\n\nThey met on Wednesday, October 1, 2019.\n")
    assert weekday(client.diagnostics(uri, 1))
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    cleared = client.wait(
        lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri, "cleared diagnostics"
    )
    assert cleared["params"]["diagnostics"] == []
    assert client.close() == 0  # last: it ends the module's server


def test_the_worker_reports_any_exception_from_the_lint(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the lint raises (not only the errors factlint knows), the worker answers with
    the error, so the server can clear the buffer's diagnostics and say why."""
    import factlint.shells.lsp_child as child
    from factlint.engine.options import LintOptions
    from factlint.shells.lsp_messages import Request

    def broken(*args: Any) -> Any:
        raise RecursionError("nested 5,000 deep")

    monkeypatch.setattr(child, "lint_text_analysed", broken)
    reply = child._lint(Request("text", "/tmp/x.md", LintOptions()))
    assert reply.diagnostics == () and reply.error == "RecursionError: nested 5,000 deep"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_the_lint_worker_dies_with_a_killed_server() -> None:
    """kill -9 of the server (a crashed editor's cleanup) takes its lint worker with it."""
    import signal

    from tests.test_parallel import _alive, _children

    client = Client()
    try:
        client.initialize()  # starts the worker
        deadline = time.monotonic() + 30
        while not (workers := _children(client.process.pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert workers, "no lint worker started at initialize"
        os.kill(client.process.pid, signal.SIGKILL)
        client.process.wait()
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        survivors = [w for w in workers if _alive(w)]
        for pid in survivors:
            os.kill(pid, signal.SIGKILL)
        assert survivors == []
    finally:
        if client.process.poll() is None:
            client.process.kill()
