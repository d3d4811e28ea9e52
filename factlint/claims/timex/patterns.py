"""The temporal patterns of rules/patterns/timex.yaml, compiled into a spaCy Matcher."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from factlint.core.data_cache import load_cached
from factlint.core.resources import builtin_rules_dir
from factlint.core.safe_yaml import load_data
from factlint.nlp.calendar_tokens import expand_pattern, native_calendar_pattern
from factlint.nlp.matching import cued_matcher, per_vocab


@dataclass(frozen=True)
class TimexPatterns:
    lexicons: dict[str, Any]
    patterns: dict[str, list[dict[str, Any]]]  # "kind/variant" -> Matcher tokens, in file order
    reject_after: dict[str, frozenset[str]]
    reject_before: dict[str, frozenset[str]]

    def order(self, name: str) -> int:
        return list(self.patterns).index(name)


def _words(value: Any, lexicons: dict[str, Any]) -> Any:
    """Replace "@name" in IN lists by lexicon `name`'s words."""
    if isinstance(value, dict):
        return {k: _words(v, lexicons) for k, v in value.items()}
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            if isinstance(item, str) and item.startswith("@"):
                out.extend(str(word) for word in lexicons[item[1:]])
            else:
                out.append(_words(item, lexicons))
        return out
    return value


@lru_cache(maxsize=4)
def load_timex_patterns(path: Path | None = None) -> TimexPatterns:
    path = path or builtin_rules_dir() / "patterns" / "timex.yaml"
    data = load_cached(path, load_data)
    lexicons = data["lexicons"]
    classes = _words(data["classes"], lexicons)
    patterns = {name: expand_pattern(_words(p, lexicons), classes) for name, p in data["patterns"].items()}
    after = {k: frozenset(str(w).lower() for w in v) for k, v in (data.get("reject_after") or {}).items()}
    before = {k: frozenset(str(w).lower() for w in v) for k, v in (data.get("reject_before") or {}).items()}
    return TimexPatterns(lexicons, patterns, after, before)


def build_timex_matcher(vocab: Any) -> Any:

    named = [(name, native_calendar_pattern(tokens)) for name, tokens in load_timex_patterns().patterns.items()]
    return cued_matcher(vocab, named)


timex_matcher = per_vocab(build_timex_matcher)  # pipelines are cached, so this is built once
