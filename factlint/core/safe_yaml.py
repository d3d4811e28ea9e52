"""YAML as data only: the safe loader every rule, lexicon and calendar file is read with.

`StringDatesLoader` is PyYAML's SafeLoader (no Python tags, no object construction) in which
`2019-10-04` stays a string, so a schema can validate a date and an error can quote it as
written. `load_data` reads trusted data shipped with factlint (lexicons, patterns) with the C
loader where PyYAML was built with it: the same data, several times faster.

Rule files, front matter, configurations and fact files are read through the C parser too
(`parse_string_dates`, `compose_string_dates`, `load_string_dates`): the same resolvers and
constructor, so the same values and the same line and column on every node, thirteen times
faster (the built-in rules' YAML was most of loading them). A document the C parser refuses
is read again by PyYAML's own, so an error says what it always said: libyaml words some
problems otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import yaml

T = TypeVar("T")


class StringDatesLoader(yaml.SafeLoader):
    """Safe loading, and `2019-10-04` stays a string (dates are validated by the schema)."""


StringDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FAST_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _CStringDatesLoader(_FAST_SAFE_LOADER):  # type: ignore[misc,valid-type]
    """`StringDatesLoader` on libyaml's parser."""


_CStringDatesLoader.yaml_implicit_resolvers = StringDatesLoader.yaml_implicit_resolvers
_FAST_STRING_DATES: Any = _CStringDatesLoader if _FAST_SAFE_LOADER is not yaml.SafeLoader else StringDatesLoader


def _either(read: Callable[[Any], T]) -> T:
    """`read(loader)` with the C loader, and again with PyYAML's own when that one refuses."""
    try:
        return read(_FAST_STRING_DATES)
    except yaml.YAMLError:
        if _FAST_STRING_DATES is StringDatesLoader:
            raise
        return read(StringDatesLoader)


def parse_string_dates(text: str) -> Iterator[yaml.Event]:
    """The events of `text`, streamed (a caller may stop at the first it refuses); at a problem,
    yaml.YAMLError with PyYAML's own message: the pure parser takes over where libyaml stopped."""
    if _FAST_STRING_DATES is StringDatesLoader:
        yield from yaml.parse(text, Loader=StringDatesLoader)
        return
    given = 0
    try:
        for event in yaml.parse(text, Loader=_FAST_STRING_DATES):
            given += 1
            yield event
        return
    except yaml.YAMLError:
        pass
    for index, event in enumerate(yaml.parse(text, Loader=StringDatesLoader)):
        if index >= given:  # the same events up to the problem; the rest, and its error, are PyYAML's
            yield event


def compose_string_dates(text: str) -> yaml.Node | None:
    """The node tree of `text`, marks and all, as `yaml.compose(text, Loader=StringDatesLoader)`."""
    return _either(lambda loader: yaml.compose(text, Loader=loader))


def load_string_dates(text: str) -> Any:
    """`text` as data, as `yaml.load(text, Loader=StringDatesLoader)`."""
    return _either(lambda loader: yaml.load(text, Loader=loader))


def load_data(text: str) -> Any:
    """Safe-load YAML text (the C loader when available)."""
    return yaml.load(text, Loader=_FAST_SAFE_LOADER)
