"""The events lexicon (rules/lexicons/event-types.yaml) as lookup tables."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from factlint.core.data_cache import load_cached
from factlint.core.resources import builtin_rules_dir
from factlint.core.safe_yaml import load_data

_NUMERIC_ORDINAL = re.compile(r"^(\d{1,7})(?:st|nd|rd|th)$", re.IGNORECASE)


@dataclass(frozen=True)
class EventLexicon:
    noun_types: dict[str, str]  # lemma -> event type ("trip" -> "visit")
    verb_types: dict[str, str]
    start_verbs: dict[str, frozenset[str]]  # event type -> lemmas that start it ("arrive")
    ordinals: dict[str, int]
    final_words: frozenset[str]
    cardinals: dict[str, int]
    count_adverbs: dict[str, int]
    person_nouns: frozenset[str]
    country_nouns: frozenset[str]
    countries: dict[str, str]  # lower-cased name -> canonical
    cities: dict[str, str]  # lower-cased city -> canonical country
    event_forms: frozenset[str] = frozenset()  # every form of an event noun or verb, for the gate
    start_forms: frozenset[str] = frozenset()  # every form of a start verb
    place_last_words: frozenset[str] = frozenset()  # last word of each country and city name

    def may_end_place(self, lower: str) -> bool:
        """Could a name ending in this (lower-cased) word be a country or city of the lexicon?"""
        return lower in self.place_last_words

    def ordinal(self, text: str) -> int | None:
        """ "second" -> 2, "4th" -> 4, "1,000,000th" -> 1000000; None for anything else."""
        lower = text.lower().replace(",", "")
        if lower in self.ordinals:
            return self.ordinals[lower]
        match = _NUMERIC_ORDINAL.match(lower)
        return int(match.group(1)) if match else None

    def number(self, text: str) -> int | None:
        lower = text.lower().replace(",", "")
        if lower.isascii() and lower.isdigit() and len(lower) <= 12:
            return int(lower)
        return self.cardinals.get(lower)

    def country_of(self, place: str) -> str | None:
        lower = place.lower()
        return self.countries.get(lower) or self.cities.get(lower)


@lru_cache(maxsize=4)
def load_event_lexicon(path: Path | None = None) -> EventLexicon:
    path = path or builtin_rules_dir() / "lexicons" / "event-types.yaml"
    data = load_cached(path, load_data)
    noun_types: dict[str, str] = {}
    verb_types: dict[str, str] = {}
    for kind, words in data["event_types"].items():
        for noun in words.get("nouns", []):
            noun_types[str(noun).split()[-1].lower()] = kind
        for verb in words.get("verbs", []):
            verb_types[str(verb).lower()] = kind
    countries = {str(c).lower(): str(c) for c in data.get("countries", [])}
    cities = {str(k).lower(): str(v) for k, v in data.get("cities", {}).items()}
    irregular = {str(k).lower(): list(v) for k, v in (data.get("irregular_forms") or {}).items()}
    return EventLexicon(
        noun_types=noun_types,
        verb_types=verb_types,
        start_verbs={k: frozenset(v) for k, v in data.get("start_verbs", {}).items()},
        ordinals={str(k): int(v) for k, v in data.get("ordinals", {}).items()},
        final_words=frozenset(data.get("final_words", [])),
        cardinals={str(k): int(v) for k, v in data.get("cardinals", {}).items()},
        count_adverbs={str(k): int(v) for k, v in data.get("count_adverbs", {}).items()},
        person_nouns=frozenset(data.get("person_nouns", [])),
        country_nouns=frozenset(data.get("country_nouns", [])),
        countries=countries,
        cities=cities,
        event_forms=word_forms([*noun_types, *verb_types], irregular),
        start_forms=word_forms([v for verbs in data.get("start_verbs", {}).values() for v in verbs], irregular),
        place_last_words=frozenset(name.split()[-1] for name in [*countries, *cities] if name.split()),
    )


def inflections(word: str) -> set[str]:
    """Regular English inflections of a noun or verb, over-generated ("visit": visits,
    visited, visiting, visitting...): the gate may pick a sentence too many, never too few."""
    word = word.lower()
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing", word + word[-1:] + "ed"}
    forms |= {word + word[-1:] + "ing"}
    if word.endswith("e"):
        forms.add(word[:-1] + "ing")
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    return forms


def word_forms(lemmas: list[str], irregular: dict[str, list[str]]) -> frozenset[str]:
    forms: set[str] = set()
    for lemma in lemmas:
        forms |= inflections(lemma)
        forms |= {str(f).lower() for f in irregular.get(lemma.lower(), [])}
    return frozenset(forms)
