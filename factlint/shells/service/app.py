"""`factlint serve`: the check as an HTTP service and a page, on Starlette (served by uvicorn).

Why Starlette and uvicorn: a small, well-kept ASGI toolkit and server from the same
maintainers, with no data-model layer to learn (the JSON is the reporter's, already
validated by its schema), a TestClient for tests, and standard ASGI, so it runs under any
ASGI server or behind any proxy.

Routes: `POST /api/v1/check` (the `--format json` report of one text), `POST /api/v1/view`
(that report and the article's HTML fragment, for the page), `GET /api/v1/rules`,
`GET /health`, `GET /` (the page).

Safe by default: the CLI binds 127.0.0.1; with a token every /api/ route wants
`Authorization: Bearer <token>` (the page and /health do not: they hold nothing); a body over
`max_body` bytes is refused with 413 before it is read whole; a check that takes longer than
`time_limit` seconds (queueing included) is answered with 408. Checks run in worker threads
(`workers` at a time), so a slow article never holds up the event loop or the short
articles behind it; the thread of a timed-out check runs on to its end (Python cannot stop a
thread) but its answer is dropped. The model is loaded before the first request is accepted.
"""

from __future__ import annotations

import hmac
import json
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import anyio
import anyio.to_thread
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from factlint.core.version import __version__
from factlint.shells.html import script, stylesheet
from factlint.shells.service.checking import Checked, Checker, RequestError, read_request

MAX_BODY = 2 * 1024 * 1024  # 2 MiB: a long feature is ~100 KB; a client sending more is wrong
TIME_LIMIT = 30.0  # seconds per request, waiting for a worker included
WORKERS = 2  # checks at once, in threads: the GIL runs one at a time, so more only stretch each (benchmarks/reports/serve.md)


@dataclass(frozen=True)
class Settings:
    checker: Checker
    token: str | None = None
    max_body: int = MAX_BODY
    time_limit: float = TIME_LIMIT
    workers: int = WORKERS


def error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """Every refusal has one shape: {"error": {"status": 413, "message": "..."}}."""
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status, headers=headers)


@cache
def page_template() -> str:
    return resources.files("factlint.shells.service").joinpath("page.html").read_text(encoding="utf-8")


def page(token_required: bool) -> str:
    """The page with the renderer's CSS and fix script inlined: it fetches nothing but the API."""
    return (
        page_template()
        .replace("/*FACTLINT_CSS*/", stylesheet())
        .replace("/*FACTLINT_FIX_JS*/", script())
        .replace("__TOKEN_REQUIRED__", "true" if token_required else "false")
        .replace("__VERSION__", __version__)
    )


def create_app(settings: Settings) -> Starlette:
    """The ASGI application; entering its lifespan (uvicorn, or `with TestClient(app)`) loads the model."""
    limiter = anyio.CapacityLimiter(settings.workers)
    state: dict[str, str] = {}

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        state["model"] = await anyio.to_thread.run_sync(settings.checker.warm)
        yield

    def authorised(request: Request) -> bool:
        if settings.token is None:
            return True
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), settings.token.encode())

    def unauthorised() -> JSONResponse:
        return error(401, "this server wants Authorization: Bearer <token>", {"WWW-Authenticate": "Bearer"})

    async def body_of(request: Request) -> Any:
        """The JSON body, refused with 413 as soon as it is known to be too large (declared or streamed)."""
        declared = request.headers.get("content-length")
        too_large = RequestError(413, f"the body is larger than {settings.max_body:,} bytes")
        if declared is not None and declared.isdigit() and int(declared) > settings.max_body:
            raise too_large
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > settings.max_body:
                raise too_large
            chunks.append(chunk)
        try:
            return json.loads(b"".join(chunks).decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as problem:
            raise RequestError(400, f"the body is not JSON: {problem}") from None

    async def checked(request: Request) -> Checked | Response:
        if not authorised(request):
            return unauthorised()
        try:
            wanted = read_request(await body_of(request))
            with anyio.fail_after(settings.time_limit):
                return await anyio.to_thread.run_sync(settings.checker.check, wanted, limiter=limiter, abandon_on_cancel=True)
        except RequestError as problem:
            return error(problem.status, problem.message)
        except TimeoutError:
            return error(408, f"the check took longer than {_seconds(settings.time_limit)}; try a shorter text")

    async def check(request: Request) -> Response:
        result = await checked(request)
        return result if isinstance(result, Response) else JSONResponse(result.report)

    async def view(request: Request) -> Response:
        result = await checked(request)
        if isinstance(result, Response):
            return result
        return JSONResponse({"report": result.report, "html": settings.checker.render(result)})

    async def rules(request: Request) -> Response:
        if not authorised(request):
            return unauthorised()
        listed = [
            {
                "id": rule.id,
                "severity": str(rule.severity),
                "extends": rule.extends,
                "description": rule.description,
                "trained": sorted(rule.requires),
            }
            for rule in sorted(settings.checker.rules, key=lambda r: r.id)
        ]
        return JSONResponse({"rules": listed, "user_rules": settings.checker.allow_user_rules})

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__, "model": state.get("model", "")})

    async def home(request: Request) -> Response:
        return HTMLResponse(page(settings.token is not None), headers={"Content-Security-Policy": CSP})

    routes = [
        Route("/", home, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
        Route("/api/v1/check", check, methods=["POST"]),
        Route("/api/v1/view", view, methods=["POST"]),
        Route("/api/v1/rules", rules, methods=["GET"]),
    ]
    return Starlette(routes=routes, lifespan=lifespan)


# The page runs only its own inline code and talks only to this server.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src data:"


def _seconds(value: float) -> str:
    return f"{value:g} s" if value < 1 or not math.isclose(value, round(value)) else f"{round(value)} s"
