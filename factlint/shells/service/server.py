"""Running the service: the command line's options to a Starlette app under uvicorn."""

from __future__ import annotations

import ipaddress
import os
import sys
from dataclasses import dataclass

import uvicorn

from factlint.shells.service.app import MAX_BODY, TIME_LIMIT, WORKERS, Settings, create_app
from factlint.shells.service.checking import Checker

TOKEN_VARIABLE = "FACTLINT_TOKEN"


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    allow_user_rules: bool = False
    model: str | None = None
    rule_paths: tuple[str, ...] = ()
    max_body: int = MAX_BODY
    time_limit: float = TIME_LIMIT
    workers: int = WORKERS


def loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(options: ServeOptions) -> int:
    """Load the rules and the model, then serve until interrupted. The token: --token, else $FACTLINT_TOKEN."""
    token = options.token or os.environ.get(TOKEN_VARIABLE) or None
    if not loopback(options.host) and token is None:
        print(
            f"factlint serve: warning: listening on {options.host} with no token: anyone who can reach it can use it"
            f" (set --token or ${TOKEN_VARIABLE})",
            file=sys.stderr,
        )
    checker = Checker.load(options.rule_paths, options.model, options.allow_user_rules)
    settings = Settings(checker, token, options.max_body, options.time_limit, options.workers)
    config = uvicorn.Config(
        create_app(settings),
        host=options.host,
        port=options.port,
        log_level="info",
        timeout_graceful_shutdown=5,
    )
    uvicorn.Server(config).run()
    return 0
