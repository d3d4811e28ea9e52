"""What the `pattern` and `consistency` kinds share: spaCy Matcher token patterns as rules.

A rule's token patterns are compiled once per rule and vocabulary (a Rule is hashable, so it
keys the cache itself); the trained components a pattern needs follow from its attributes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from factlint.core.rule import thaw
from factlint.nlp.calendar_tokens import native_calendar_pattern

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from factlint.analysis.document_analysis import Analysis
    from factlint.core.rule import Rule

# Token attributes that only a trained component sets: a rule using them needs it loaded.
_ATTRIBUTE_NEEDS = {
    "ENT_TYPE": "ner",
    "ENT_IOB": "ner",
    "ENT_ID": "ner",
    "POS": "tagger",
    "TAG": "tagger",
    "MORPH": "tagger",
    "LEMMA": "lemmatizer",
    "DEP": "parser",
}

TOKEN_PATTERNS = {
    "type": "array",
    "minItems": 1,
    "items": {"type": "array", "minItems": 1, "items": {"type": "object"}},
    "description": "a list of spaCy Matcher patterns, each a list of token specs",
}


def components_for(patterns: list[list[Mapping[str, Any]]]) -> frozenset[str]:
    return frozenset(
        _ATTRIBUTE_NEEDS[key] for pattern in patterns for token in pattern for key in token if key in _ATTRIBUTE_NEEDS
    )


def matcher_patterns(patterns: Any) -> list[list[dict[str, Any]]]:
    """spaCy patterns (plain lists and dicts) without factlint's own `field` key."""
    return [[{k: v for k, v in token.items() if k != "field"} for token in pattern] for pattern in thaw(patterns)]


@lru_cache(maxsize=1)
def _blank_vocab() -> Any:
    """One blank English vocabulary per process for validating patterns (building one costs 0.2 s)."""
    import spacy

    return spacy.blank("en").vocab


def validate_token_patterns(patterns: list[list[Mapping[str, Any]]]) -> str:
    """spaCy's own verdict on the patterns ('' when they are valid)."""
    from spacy.matcher import Matcher

    try:
        Matcher(_blank_vocab(), validate=True).add("RULE", matcher_patterns(patterns))
    except (ValueError, TypeError, KeyError) as error:
        return " ".join(str(error).split())[:400]
    return ""


_RULE_MATCHERS: dict[tuple[int, Rule], tuple[Any, Any]] = {}  # (id(vocab), rule) -> (the vocab, kept alive; its matcher)


def rule_matcher(vocab: Any, rule: Rule) -> Any:
    """One compiled Matcher per rule and vocabulary, with the calendar attributes as ORTH sets
    (factlint.nlp.calendar_tokens.native_calendar_pattern)."""
    from spacy.matcher import Matcher

    key = (id(vocab), rule)
    if key not in _RULE_MATCHERS:
        matcher = Matcher(vocab)
        for index, pattern in enumerate(matcher_patterns(rule.params["tokens"])):
            matcher.add(f"{rule.id}-{index}", [native_calendar_pattern(pattern)], greedy="LONGEST")
        _RULE_MATCHERS[key] = (vocab, matcher)
    return _RULE_MATCHERS[key][1]


def rule_docs(analysis: Analysis, rule: Rule) -> list[tuple[int, Doc]]:
    """The docs a token-pattern rule matches on, with the plain-text offset of each: the parsed
    chunks when it needs trained components, else the cheap pass over the whole text."""
    if rule.requires:
        return [(chunk.offset, chunk.doc) for chunk in analysis.parsed]
    return [(0, analysis.doc)]


def token_matches(doc: Doc, rule: Rule) -> Iterator[tuple[int, int, list[int]]]:
    """(start, end, alignment) of each longest token-pattern match, in text order."""
    matcher = rule_matcher(doc.vocab, rule)
    taken: set[int] = set()
    for key, start, end, alignment in sorted(matcher(doc, with_alignments=True), key=lambda m: (m[1], -m[2])):
        if taken.intersection(range(start, end)):
            continue
        taken.update(range(start, end))
        label = doc.vocab.strings[key]
        yield start, end, [int(label.rsplit("-", 1)[1]), *alignment]


def pattern_components(params: Mapping[str, Any]) -> frozenset[str]:
    return components_for(params.get("tokens", []))
