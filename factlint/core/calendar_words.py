"""Calendar words: weekday and month spellings, loaded from the rule pack's YAML lexicon.

Plain data (no spaCy): the reader needs month names for datelines, the claims and kinds for
dates and fixes. How tokens are matched against these words is factlint.nlp.calendar_tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from factlint.core.data_cache import load_cached
from factlint.core.resources import builtin_rules_dir
from factlint.core.safe_yaml import load_data


@dataclass(frozen=True)
class CalendarLexicon:
    weekday_forms: dict[str, int]  # lower-cased spelling -> 0 (Monday) .. 6
    month_forms: dict[str, int]  # lower-cased spelling -> 1 .. 12
    weekday_names: tuple[tuple[str, ...], ...]  # per weekday: canonical, abbreviation, ...
    month_names: tuple[tuple[str, ...], ...]  # per month (index 0 = January)
    ambiguous: frozenset[str]

    def weekday_name(self, index: int, like: str = "") -> str:
        """The name of a weekday in the style of `like` (full or abbreviated, with or without a dot)."""
        return _in_style(self.weekday_names[index], like, self.full_names)

    def month_name(self, month: int, like: str = "") -> str:
        return _in_style(self.month_names[month - 1], like, self.full_names)

    @property
    def full_names(self) -> frozenset[str]:
        """Canonical names, lower-cased: "Thursday" is a full name, not an abbreviation of "Wednesday"."""
        return frozenset(names[0].lower() for names in (*self.weekday_names, *self.month_names))


def _in_style(names: tuple[str, ...], like: str, full_names: frozenset[str]) -> str:
    """Full names for full names; else the first abbreviation with (or without) a dot, three
    letters for three ("Wed" -> "Tue"), matching upper case ("WED." -> "TUE.")."""
    full = names[0]
    bare_like = like.rstrip(".")
    if not like or len(bare_like) > 5 or bare_like.lower() in full_names:
        return full.upper() if like.isupper() and len(like) > 1 else full
    dotted = [n for n in names[1:] if n.endswith(".")]
    bare = [n for n in names[1:] if not n.endswith(".")]
    choices = dotted if like.endswith(".") else bare
    if not choices:
        return full.upper() if like.isupper() else full
    three = [n for n in choices if len(n.rstrip(".")) == 3]
    picked = three[0] if len(bare_like) == 3 and three else choices[0]
    return picked.upper() if like.isupper() else picked


def _forms(table: dict[str, list[str]], base: int) -> tuple[dict[str, int], tuple[tuple[str, ...], ...]]:
    forms: dict[str, int] = {}
    names: list[tuple[str, ...]] = []
    for index, (_key, spellings) in enumerate(table.items()):
        names.append(tuple(str(s) for s in spellings))
        for spelling in spellings:
            forms[str(spelling).lower()] = index + base
    return forms, tuple(names)


@lru_cache(maxsize=8)
def load_calendar_lexicon(path: Path | None = None) -> CalendarLexicon:
    path = path or builtin_rules_dir() / "lexicons" / "calendar.yaml"
    data = load_cached(path, load_data)
    weekday_forms, weekday_names = _forms(data["weekdays"], 0)
    month_forms, month_names = _forms(data["months"], 1)
    return CalendarLexicon(
        weekday_forms,
        month_forms,
        weekday_names,
        month_names,
        frozenset(str(a) for a in data.get("ambiguous", [])),
    )
