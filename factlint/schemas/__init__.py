"""JSON Schemas shipped with factlint (rule files, JSON output), found by their `$id`.

factlint has no web home, so a schema's `$id` is a URN (`urn:factlint:schema:output:1`)
rather than an address that would not answer: `schema(uri)` resolves it from the installed
package, and `registry()` gives a `referencing` registry for `jsonschema` validators.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

FILES = {"urn:factlint:schema:rule:1": "rule.schema.json", "urn:factlint:schema:output:1": "output.schema.json"}


@cache
def _load(name: str) -> dict[str, Any]:
    return json.loads(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))


def schema(uri: str) -> dict[str, Any]:
    """The schema whose `$id` is `uri` (or whose file name is `uri`); KeyError for others."""
    name = FILES.get(uri, uri if uri in FILES.values() else None)
    if name is None:
        raise KeyError(f"no factlint schema {uri!r} (known: {', '.join(FILES)})")
    return _load(name)


def registry() -> Any:
    """A `referencing.Registry` holding every factlint schema under its `$id`."""
    from referencing import Registry, Resource

    return Registry().with_resources((uri, Resource.from_contents(schema(uri))) for uri in FILES)
