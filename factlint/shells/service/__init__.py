"""`factlint serve`: the check as an HTTP API and a page (needs the `serve` extra: Starlette, uvicorn).

`checking` reads requests and runs the library's check; `app` is the Starlette application;
`server` starts it under uvicorn. See `app` for the routes and what keeps the service safe.
"""
