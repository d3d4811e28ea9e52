"""`factlint serve` through Starlette's TestClient: the JSON the CLI writes, every refusal's status, the limits, the token.

One checker is loaded for the module (the model once, as the server does); each app around it
is cheap, so settings that differ (a token, a tiny body limit) get an app of their own.
"""

from __future__ import annotations

import io
import json
import time
import warnings
from importlib import resources
from pathlib import Path

import anyio
import jsonschema
import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed (pip install -e '.[test,serve]')")
httpx = pytest.importorskip("httpx", reason="httpx is not installed (the test extra)")

with warnings.catch_warnings():  # Starlette 1.x: its TestClient will move to httpx2; it works with httpx, which the project uses
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

from factlint.shells.cli import main  # noqa: E402
from factlint.shells.service.app import Settings, create_app  # noqa: E402
from factlint.shells.service.checking import Checker  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "seeds" / "rappler-2019-10-04-duterte-putin.txt").read_text(encoding="utf-8")
TOKEN = "correct horse battery staple"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
USER_RULE = """
id: shout
extends: pattern
severity: warning
message: "shouting: {text}"
description: Words in capitals.
regex: "\\\\b[A-Z]{4,}\\\\b"
"""


FILE_RULE = """
id: house-calendar
extends: calendar-event
severity: warning
message: "{event} is {calendar_dates}"
description: Reads a file of the server's.
calendars: ["/etc/hostname"]
"""


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.load()


def client_for(checker: Checker, **settings) -> TestClient:
    return TestClient(create_app(Settings(checker, **settings)))


@pytest.fixture(scope="module")
def client(checker: Checker):
    with client_for(checker) as client:
        yield client


def schema() -> dict:
    return json.loads(resources.files("factlint.schemas").joinpath("output.schema.json").read_text(encoding="utf-8"))


def test_check_returns_exactly_what_check_format_json_writes(client: TestClient, tmp_path: Path, monkeypatch) -> None:
    response = client.post("/api/v1/check", json={"text": SEED})
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    report = response.json()
    jsonschema.validate(report, schema())
    monkeypatch.chdir(tmp_path)  # no configuration around: the service searches for none either
    stdout = io.StringIO()
    assert main(["check", "-", "--no-cache", "--format", "json"], stdin=io.StringIO(SEED), stdout=stdout) == 1
    expected = json.loads(stdout.getvalue().replace('"<stdin>"', '"<request>"'))
    assert report == expected
    weekday = [d for d in report["diagnostics"] if d["rule"] == "weekday-mismatch"]
    assert [(d["start"], d["end"], d["message"]) for d in weekday] == [
        ({"line": 19, "column": 58}, {"line": 19, "column": 78}, "October 1, 2019 was a Tuesday, not a Wednesday")
    ]
    assert [s["label"] for s in weekday[0]["suggestions"]] == ["Tuesday, October 1", "Wednesday, October 2"]
    assert report["summary"] == {"files": 1, "error": 1, "warning": 1, "info": 0}


def test_date_markup_and_rule_selection(client: TestClient) -> None:
    text = "They arrived on Wednesday, October 1."
    no_date = client.post("/api/v1/check", json={"text": text}).json()
    assert [d["rule"] for d in no_date["diagnostics"]] == ["no-publication-date"]
    dated = client.post("/api/v1/check", json={"text": text, "date": "2019-10-04", "rules": ["weekday-mismatch"]}).json()
    assert [(d["rule"], d["message"]) for d in dated["diagnostics"]] == [
        ("weekday-mismatch", "October 1, 2019 was a Tuesday, not a Wednesday")
    ]
    markdown = "---\ndate: 2019-10-04\n---\nThey arrived on *Wednesday, October 1*.\n"
    as_markdown = client.post("/api/v1/check", json={"text": markdown, "markup": "markdown", "language": "en"}).json()
    assert [(d["rule"], d["start"], d["text"]) for d in as_markdown["diagnostics"]] == [
        ("weekday-mismatch", {"line": 4, "column": 18}, "Wednesday, October 1")
    ]
    ignored = client.post("/api/v1/check", json={"text": markdown, "markup": "markdown", "rules": {"ignore": ["weekday"]}})
    assert ignored.json()["diagnostics"] == []


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (b"{not json", 400, "the body is not JSON: "),
        (b'["text"]', 422, 'the body must be a JSON object: {"text": "..."}'),
        (b"{}", 422, "`text` is required: the article, as a string"),
        (b'{"text": 5}', 422, "`text` is required: the article, as a string"),
        (b'{"text": "x", "dates": "2019-10-04"}', 422, "unknown key(s): dates (known: date, language, markup, rules, text)"),
        (b'{"text": "x", "date": "04/10/2019"}', 422, "`date` must be a date in YYYY-MM-DD form, not '04/10/2019'"),
        (b'{"text": "x", "date": "2019-02-30"}', 422, "`date` must be a date in YYYY-MM-DD form, not '2019-02-30'"),
        (b'{"text": "x", "markup": "html"}', 422, '`markup` must be "text" or "markdown", not \'html\''),
        (b'{"text": "x", "language": "de"}', 422, "`language` 'de' is not supported: factlint reads English (\"en\") only"),
        (b'{"text": "x", "rules": ["nope"]}', 422, "no rule matches 'nope' (GET /api/v1/rules lists them)"),
        (b'{"text": "x", "rules": "weekday"}', 422, "`rules` must be a list of rule ids or {select?, ignore?, define?}"),
        (b'{"text": "x", "rules": {"only": []}}', 422, "unknown key(s) in `rules`: only (known: select, ignore, define)"),
        (
            b'{"text": "x", "rules": {"define": "id: a"}}',
            403,
            "this server does not accept rules in requests (start it with --allow-user-rules)",
        ),
    ],
)
def test_bad_requests_get_a_clear_json_error(client: TestClient, body: bytes, status: int, message: str) -> None:
    response = client.post("/api/v1/check", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == status
    error = response.json()["error"]
    assert error["status"] == status and error["message"].startswith(message)
    if status != 400:
        assert error["message"] == message


def test_user_rules_only_when_allowed_and_never_naming_files(checker: Checker) -> None:
    allowed = Checker(checker.rules, checker.model, allow_user_rules=True)
    with client_for(allowed) as client:
        body = {"text": "date 2019-10-04\n\nThe MINISTER spoke.", "rules": {"select": ["weekday"], "define": USER_RULE}}
        report = client.post("/api/v1/check", json=body).json()
        assert [(d["rule"], d["message"], d["start"]) for d in report["diagnostics"]] == [
            ("shout", "shouting: MINISTER", {"line": 3, "column": 5})
        ]
        refused = client.post("/api/v1/check", json={"text": "x", "rules": {"define": FILE_RULE}})
        assert refused.status_code == 422
        assert refused.json()["error"]["message"] == (
            "rules.define:2:1: rule 'house-calendar': parameter 'calendars' names files, not accepted here"
        )
        broken = client.post("/api/v1/check", json={"text": "x", "rules": {"define": "id: [unclosed"}})
        assert broken.status_code == 422 and broken.json()["error"]["message"].startswith("rules.define:1:")
        taken = client.post(
            "/api/v1/check", json={"text": "x", "rules": {"define": USER_RULE.replace("shout", "weekday-mismatch")}}
        )
        assert taken.json()["error"]["message"] == "rules.define:2:1: rule id 'weekday-mismatch' is already a rule of this server"
        assert client.get("/api/v1/rules").json()["user_rules"] is True


def test_a_body_over_the_limit_is_refused_with_413_declared_or_streamed(checker: Checker) -> None:
    with client_for(checker, max_body=1000) as client:
        declared = client.post("/api/v1/check", json={"text": "x" * 2000})
        assert declared.status_code == 413
        assert declared.json() == {"error": {"status": 413, "message": "the body is larger than 1,000 bytes"}}

        def chunks():  # no Content-Length: the limit is counted while reading
            yield b'{"text": "'
            for _ in range(20):
                yield b"y" * 100
            yield b'"}'

        streamed = client.post("/api/v1/check", content=chunks(), headers={"Content-Type": "application/json"})
        assert streamed.status_code == 413
        assert client.post("/api/v1/check", json={"text": "short"}).status_code == 200


def test_the_default_body_limit_is_2_mib(client: TestClient) -> None:
    big = json.dumps({"text": "a" * (2 * 1024 * 1024)}).encode()
    assert client.post("/api/v1/check", content=big, headers={"Content-Type": "application/json"}).status_code == 413


def test_a_check_over_the_time_limit_is_answered_408(checker: Checker) -> None:
    with client_for(checker, time_limit=0.05) as client:
        started = time.monotonic()
        response = client.post("/api/v1/check", json={"text": SEED * 12})  # some 1.5 s of work on an idle core
        answered = time.monotonic() - started
        assert response.status_code == 408
        assert response.json()["error"]["message"] == "the check took longer than 0.05 s; try a shorter text"
        assert answered < 0.75  # answered at the limit, not when the check's thread ends
        time.sleep(2)  # let the abandoned check finish before the next test (a thread cannot be stopped)


def test_the_token_guards_the_api_but_not_the_page_or_health(checker: Checker) -> None:
    with client_for(checker, token=TOKEN) as client:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
            response = client.post("/api/v1/check", json={"text": "x"}, headers=headers)
            assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
            assert response.json()["error"]["message"] == "this server wants Authorization: Bearer <token>"
            assert client.get("/api/v1/rules", headers=headers).status_code == 401
            assert client.post("/api/v1/view", json={"text": "x"}, headers=headers).status_code == 401
        assert client.post("/api/v1/check", json={"text": "x"}, headers=AUTH).status_code == 200
        assert client.get("/api/v1/rules", headers=AUTH).status_code == 200
        assert client.get("/health").json()["status"] == "ok"
        assert "var tokenRequired = true;" in client.get("/").text


def test_rules_and_health(client: TestClient) -> None:
    listed = client.get("/api/v1/rules").json()
    stdout = io.StringIO()
    assert main(["rules", "--format", "json"], stdout=stdout) == 0
    assert [r["id"] for r in listed["rules"]] == [r["id"] for r in json.loads(stdout.getvalue()) if r["enabled"]]
    weekday = next(r for r in listed["rules"] if r["id"] == "weekday-mismatch")
    assert (weekday["severity"], weekday["extends"], weekday["trained"]) == ("error", "weekday", [])
    assert listed["user_rules"] is False
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["version"] and health["model"]
    assert client.get("/api/v1/check").status_code == 405
    assert client.get("/nowhere").status_code == 404


def test_view_gives_the_report_and_the_editable_article(client: TestClient) -> None:
    answer = client.post("/api/v1/view", json={"text": SEED}).json()
    jsonschema.validate(answer["report"], schema())
    html = answer["html"]
    assert html.startswith('<section class="fl-article"') and 'data-start="19:58"' in html
    start = SEED.index("Wednesday, October 1")  # code points into the text sent: the page's textarea
    edits = f"[{{&quot;start&quot;: {start}, &quot;end&quot;: {start + 9}, &quot;replacement&quot;: &quot;Tuesday&quot;"
    assert f'<button type="button" class="fl-apply" data-edits="{edits}' in html
    assert 'data-label="Tuesday, October 1">' in html
    assert ">#1 first met<" in html and ">Wednesday, October 1<" in html  # the timeline, from the same analysis


def test_the_page_is_self_contained(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "connect-src 'self'" in response.headers["content-security-policy"]
    page = response.text
    for needle in ('<textarea id="source"', 'type="date" id="date"', 'id="check"', "factlintWireFixes(out, source)"):
        assert needle in page
    assert "var tokenRequired = false;" in page and "/*FACTLINT_CSS*/" not in page
    assert "<script src" not in page and "<link" not in page and "http://" not in page and "https://" not in page


def test_a_slow_article_does_not_hold_up_a_short_one(checker: Checker) -> None:
    """Two requests at once through the ASGI app: the short one is answered while the long one is still checked."""
    app = create_app(Settings(checker))
    finished: list[str] = []

    async def post(client: httpx.AsyncClient, name: str, text: str) -> None:
        response = await client.post("/api/v1/check", json={"text": text})
        assert response.status_code == 200
        finished.append(name)

    async def both() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client, anyio.create_task_group() as group:
            group.start_soon(post, client, "long", SEED * 15)
            await anyio.sleep(0.05)
            group.start_soon(post, client, "short", "date 2019-10-04\n\nThey met on Wednesday, October 1.")

    anyio.run(both)
    assert finished == ["short", "long"]


def test_serve_arguments_are_checked(capsys) -> None:
    for argv in (["serve", "--port", "70000"], ["serve", "--time-limit", "0"], ["serve", "--workers", "0"]):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        assert stop.value.code == 2
    assert "not a port number (0 to 65535): '70000'" in capsys.readouterr().err
