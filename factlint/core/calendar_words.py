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


@dataclass(frozen=True)
class CalendarLexicon:
    weekday_forms: dict[str, int]  # lower-cased spelling -> 0 (Monday) .. 6
    month_forms: dict[str, int]  # lower-cased spelling -> 1 .. 12
    weekday_names: tuple[tuple[str, ...], ...]  # per weekday: canonical, abbreviation, ...
    month_names: tuple[tuple[str, ...], ...]  # per month (index 0 = January)
    ambiguous: frozenset[str]
    language: str = "en"
    date_order: str = "MDY"  # how a numeric date orders its parts (DMY, MDY, YMD)
    capitalised: bool = True  # does the language capitalise calendar words ("Montag", not "lunes")?
    spacy_code: str = "en"  # spaCy's code for the language's blank tokenizer
    name: str = "English"

    def weekday_name(self, index: int, like: str = "") -> str:
        """The name of a weekday in the style of `like` (full or abbreviated, with or without a dot)."""
        if self.language != "en":
            return _in_own_style(self.weekday_names, self.weekday_names[index], like, self.capitalised)
        return _in_style(self.weekday_names[index], like, self.full_names)

    def month_name(self, month: int, like: str = "") -> str:
        if self.language != "en":
            return _in_own_style(self.month_names, self.month_names[month - 1], like, self.capitalised)
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


def _in_own_style(table: tuple[tuple[str, ...], ...], names: tuple[str, ...], like: str, capitalised: bool) -> str:
    """Another language's name written as `like` is: the same inflection ("října" -> "listopadu",
    "lokakuuta" -> "marraskuuta": the form sharing most of `like`'s ending among forms of its
    kind), abbreviated if it is, in its case ("Miércoles" -> "Martes", "miércoles" -> "martes")."""
    if not like:
        return names[0]
    lower = like.lower()
    own = next((entry for entry in table if lower in (n.lower() for n in entry)), None)
    position = [n.lower() for n in own].index(lower) if own else 0
    dotted = like.endswith(".")
    if own is not None and position > 0 and len(lower.rstrip(".")) <= 4 and len(own[0]) > len(lower):
        kind = [n for n in names[1:] if n.endswith(".") == dotted and len(n.rstrip(".")) <= 4]  # an abbreviation
        picked = kind[0] if kind else names[0]
    elif own is not None and position > 0:  # an inflected full form
        full = [n for n in names if len(n.rstrip(".")) > 4 or n == names[0]]
        picked = max(full, key=lambda n: (_common_ending(n.lower(), lower), -abs(len(n) - len(lower))), default=names[0])
        if _common_ending(picked.lower(), lower) == 0:
            picked = names[0]
    else:
        picked = names[0]
    if like.isupper() and len(like) > 1:
        return picked.upper()
    if like[:1].isupper():
        return picked[:1].upper() + picked[1:]
    return picked if capitalised else picked.lower()


def _common_ending(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _forms(table: dict[str, list[str]], base: int) -> tuple[dict[str, int], tuple[tuple[str, ...], ...]]:
    forms: dict[str, int] = {}
    names: list[tuple[str, ...]] = []
    for index, (_key, spellings) in enumerate(table.items()):
        names.append(tuple(str(s) for s in spellings))
        for spelling in spellings:
            forms[str(spelling).lower()] = index + base
    return forms, tuple(names)


@lru_cache(maxsize=64)
def load_calendar_lexicon(path: Path | None = None) -> CalendarLexicon:
    path = path or builtin_rules_dir() / "lexicons" / "calendar.yaml"
    from factlint.core.safe_yaml import load_data  # PyYAML only on a miss of the JSON store: a cached run parses none

    data = load_cached(path, load_data)
    weekday_forms, weekday_names = _forms(data["weekdays"], 0)
    month_forms, month_names = _forms(data["months"], 1)
    return CalendarLexicon(
        weekday_forms,
        month_forms,
        weekday_names,
        month_names,
        frozenset(str(a) for a in data.get("ambiguous", [])),
        str(data.get("language", "en")),
        str(data.get("date_order", "MDY")),
        bool(data.get("capitalised", True)),
        str(data.get("spacy", data.get("language", "en"))),
        str(data.get("name", "English")),
    )


# Other codes a file may declare for a language factlint reads under one code.
LANGUAGE_ALIASES = {"fil": "tl", "no": "nb", "nob": "nb", "in": "id", "may": "ms", "iw": "he"}


def normalise_language(code: str) -> str:
    """ "es-MX", "pt_BR", "fil", "EN" -> "es", "pt", "tl", "en": the language part, lower-cased."""
    base = code.strip().replace("_", "-").split("-")[0].lower()
    return LANGUAGE_ALIASES.get(base, base)


def calendar_languages() -> tuple[str, ...]:
    """Every language with calendar words: English and each generated lexicon."""
    folder = builtin_rules_dir() / "lexicons" / "calendar"
    return ("en", *sorted(p.stem for p in folder.glob("*.yaml")))


def calendar_lexicon(language: str = "en") -> CalendarLexicon:
    """The calendar words of a language (rules/lexicons/calendar/<lang>.yaml; English is the
    rule pack's own calendar.yaml), read only when a file in that language needs them."""
    if language == "en":
        return load_calendar_lexicon()
    return load_calendar_lexicon(builtin_rules_dir() / "lexicons" / "calendar" / f"{language}.yaml")
