"""YAML as data only: the safe loader every rule, lexicon and calendar file is read with.

`StringDatesLoader` is PyYAML's SafeLoader (no Python tags, no object construction) in which
`2019-10-04` stays a string, so a schema can validate a date and an error can quote it as
written. `load_data` reads trusted data shipped with factlint (lexicons, patterns) with the C
loader where PyYAML was built with it: the same data, several times faster.
"""

from __future__ import annotations

from typing import Any

import yaml


class StringDatesLoader(yaml.SafeLoader):
    """Safe loading, and `2019-10-04` stays a string (dates are validated by the schema)."""


StringDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FAST_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_data(text: str) -> Any:
    """Safe-load YAML text (the C loader when available)."""
    return yaml.load(text, Loader=_FAST_SAFE_LOADER)
