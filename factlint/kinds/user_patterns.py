"""The two generic check kinds that let a newsroom write rules in YAML alone.

`pattern`: every match of spaCy Matcher token patterns (or of a regular expression, run
with a timeout so a catastrophic pattern cannot hang CI) is a diagnostic.
`consistency`: token patterns capture named fields (`field: name` on a token); mentions
with the same key and different values are flagged, with the first mention related.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factlint.analysis.document_analysis import rule_docs
from factlint.kinds.base import CheckKind, Finding, RelatedSpan, RuleAborted, register

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from factlint.analysis.document_analysis import Analysis
    from factlint.engine.rule_loading import Rule

REGEX_TIMEOUT_SECONDS = 1.0

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

_TOKEN_PATTERNS = {
    "type": "array",
    "minItems": 1,
    "items": {"type": "array", "minItems": 1, "items": {"type": "object"}},
    "description": "a list of spaCy Matcher patterns, each a list of token specs",
}


def components_for(patterns: list[list[Mapping[str, Any]]]) -> frozenset[str]:
    return frozenset(
        _ATTRIBUTE_NEEDS[key] for pattern in patterns for token in pattern for key in token if key in _ATTRIBUTE_NEEDS
    )


def matcher_patterns(patterns: list[list[Mapping[str, Any]]]) -> list[list[dict[str, Any]]]:
    """spaCy patterns without factlint's own `field` key."""
    return [[{k: v for k, v in token.items() if k != "field"} for token in pattern] for pattern in patterns]


@lru_cache(maxsize=1)
def _blank_vocab() -> Any:
    """One blank English vocabulary per process for validating patterns (building one costs 0.2 s)."""
    import spacy

    return spacy.blank("en").vocab


def validate_token_patterns(patterns: list[list[Mapping[str, Any]]]) -> str:
    """spaCy's own verdict on the patterns ('' when they are valid), remembered (VERDICTS)."""
    key = VERDICTS.key(patterns)
    verdict = VERDICTS.get(key)
    if verdict is None:
        verdict = _spacy_verdict(patterns)
        VERDICTS.put(key, verdict)
    return verdict


def _spacy_verdict(patterns: list[list[Mapping[str, Any]]]) -> str:
    from spacy.matcher import Matcher

    try:
        Matcher(_blank_vocab(), validate=True).add("RULE", matcher_patterns(patterns))
    except (ValueError, TypeError, KeyError) as error:
        return " ".join(str(error).split())[:400]
    return ""


class PatternVerdicts:
    """spaCy's verdicts on token patterns, by the patterns and spaCy's version, kept in the
    cache folder when a run has one: checking a user rule's patterns imports spaCy (0.6 s), and
    a rerun whose every file hits the cache must not (factlint.engine.cache)."""

    FILE = "pattern-verdicts.json"

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.verdicts: dict[str, str] = {}
        self.new = False

    def use(self, folder: Path | None) -> None:
        """Remember verdicts in `folder` (None: in this process only)."""
        self.folder = folder
        if folder is not None:
            try:
                found = json.loads((folder / self.FILE).read_text(encoding="utf-8"))
                self.verdicts.update({k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)})
            except (OSError, ValueError, AttributeError):
                pass  # none yet, or unreadable: spaCy is asked again

    @staticmethod
    def key(patterns: list[list[Mapping[str, Any]]]) -> str:
        import hashlib

        from factlint.engine.cache import package_version

        text = json.dumps([package_version("spacy"), matcher_patterns(patterns)], sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get(self, key: str) -> str | None:
        return self.verdicts.get(key)

    def put(self, key: str, verdict: str) -> None:
        self.verdicts[key] = verdict
        self.new = True

    def save(self) -> None:
        """Write new verdicts to the folder, atomically; a folder that cannot be written costs nothing."""
        if self.folder is None or not self.new:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", dir=self.folder, delete=False, suffix=".tmp", encoding="utf-8") as out:
                json.dump(self.verdicts, out)
            os.replace(out.name, self.folder / self.FILE)
            self.new = False
        except OSError:
            pass


VERDICTS = PatternVerdicts()


_RULE_MATCHERS: dict[tuple[int, str, str, int], Any] = {}


def _rule_matcher(vocab: Any, rule: Rule) -> Any:
    """One compiled Matcher per rule and vocabulary (a rule's YAML place names its patterns),
    with the calendar attributes as ORTH sets (factlint.core.calendar_words.native_calendar_pattern)."""
    from spacy.matcher import Matcher

    from factlint.core.calendar_words import native_calendar_pattern

    key = (id(vocab), rule.source, rule.id, rule.line)
    if key not in _RULE_MATCHERS:
        matcher = Matcher(vocab)
        for index, pattern in enumerate(matcher_patterns(rule.params["tokens"])):
            matcher.add(f"{rule.id}-{index}", [native_calendar_pattern(pattern)], greedy="LONGEST")
        _RULE_MATCHERS[key] = matcher
    return _RULE_MATCHERS[key]


def _token_matches(doc: Doc, rule: Rule) -> Iterator[tuple[int, int, list[int]]]:
    """(start, end, alignment) of each longest token-pattern match, in text order."""
    matcher = _rule_matcher(doc.vocab, rule)
    taken: set[int] = set()
    for key, start, end, alignment in sorted(matcher(doc, with_alignments=True), key=lambda m: (m[1], -m[2])):
        if taken.intersection(range(start, end)):
            continue
        taken.update(range(start, end))
        label = doc.vocab.strings[key]
        yield start, end, [int(label.rsplit("-", 1)[1]), *alignment]


def check_pattern(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """Proves only that the text matches the rule's pattern; the rule says why that matters."""
    text = analysis.document.text
    if "regex" in rule.params:
        import regex

        flags = regex.IGNORECASE if rule.params.get("ignorecase") else 0
        compiled = regex.compile(rule.params["regex"], flags)
        try:
            for match in compiled.finditer(text, timeout=REGEX_TIMEOUT_SECONDS):
                if match.end() > match.start():
                    yield Finding(match.start(), match.end(), {"text": match.group(0)})
        except TimeoutError:
            raise RuleAborted(
                f"its regular expression ran over {REGEX_TIMEOUT_SECONDS:g} s on this file and was stopped; "
                "matches before that are reported"
            ) from None
        return
    for offset, doc in rule_docs(analysis, rule):
        for start, end, _alignment in _token_matches(doc, rule):
            span = doc[start:end]
            yield Finding(offset + span.start_char, offset + span.end_char, {"text": span.text})


def _captures(doc: Doc, rule: Rule, start: int, end: int, alignment: list[int], offset: int = 0) -> dict[str, tuple[int, int]]:
    """Named fields of one match: plain-text span covered by the tokens aligned to each `field` spec."""
    pattern = rule.params["tokens"][alignment[0]]
    spans: dict[str, tuple[int, int]] = {}
    for token_index, spec_index in zip(range(start, end), alignment[1:], strict=False):
        name = pattern[spec_index].get("field")
        if not name:
            continue
        token = doc[token_index]
        idx = offset + token.idx
        lo, hi = spans.get(name, (idx, idx + len(token.text)))
        spans[name] = (min(lo, idx), max(hi, idx + len(token.text)))
    return spans


def check_consistency(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """Proves: two mentions with the same key state different values. Keys and values are
    compared case-insensitively with whitespace normalised; nothing else is inferred."""
    text = analysis.document.text
    key_fields: list[str] = list(rule.params["key"]) if isinstance(rule.params["key"], list) else [rule.params["key"]]
    value_field: str = rule.params["value"]
    first_by_key: dict[tuple[str, ...], tuple[str, int, int, str]] = {}
    matches = ((offset, doc, match) for offset, doc in rule_docs(analysis, rule) for match in _token_matches(doc, rule))
    for offset, doc, (start, end, alignment) in matches:
        fields = _captures(doc, rule, start, end, alignment, offset)
        if value_field not in fields or any(k not in fields for k in key_fields):
            continue
        key = tuple(" ".join(text[slice(*fields[k])].lower().split()) for k in key_fields)
        v_start, v_end = fields[value_field]
        value = text[v_start:v_end]
        span = doc[start:end]
        if key not in first_by_key:
            first_by_key[key] = (value, offset + span.start_char, offset + span.end_char, span.text)
            continue
        first_value, f_start, f_end, first_text = first_by_key[key]
        if " ".join(value.lower().split()) == " ".join(first_value.lower().split()):
            continue
        yield Finding(
            v_start,
            v_end,
            {
                "key": " ".join(text[slice(*fields[k])] for k in key_fields),
                "value": value,
                "first_value": first_value,
                "first_text": first_text,
                "text": span.text,
            },
            related=(RelatedSpan(f_start, f_end, f"first stated as {first_value!r} here"),),
        )


def validate_pattern(params: Mapping[str, Any]) -> list[tuple[list[Any], str]]:
    if ("tokens" in params) == ("regex" in params):
        return [([], "a pattern rule needs exactly one of `tokens` or `regex`")]
    if "regex" in params:
        import regex

        try:
            regex.compile(params["regex"])
        except regex.error as error:
            return [(["regex"], f"invalid regular expression: {error}")]
        return []
    problem = validate_token_patterns(params["tokens"])
    return [(["tokens"], f"spaCy rejects the token patterns: {problem}")] if problem else []


def validate_consistency(params: Mapping[str, Any]) -> list[tuple[list[Any], str]]:
    if "tokens" not in params or "key" not in params or "value" not in params:
        return [([], "a consistency rule needs `tokens`, `key` and `value`")]
    problem = validate_token_patterns(params["tokens"])
    if problem:
        return [(["tokens"], f"spaCy rejects the token patterns: {problem}")]
    named = {token.get("field") for pattern in params["tokens"] for token in pattern}
    keys = params["key"] if isinstance(params["key"], list) else [params["key"]]
    for where, name in [*((["key"], k) for k in keys), (["value"], params["value"])]:
        if name not in named:
            return [(where, f"field {name!r} is not captured by any token (add `field: {name}` to a token spec)")]
    return []


def _needs(params: Mapping[str, Any]) -> frozenset[str]:
    return components_for(params.get("tokens", []))


register(
    CheckKind(
        "pattern",
        check_pattern,
        frozenset({"text"}),
        parameters={
            "tokens": _TOKEN_PATTERNS,
            "regex": {"type": "string", "minLength": 1, "description": "a regular expression (run with a timeout)"},
            "ignorecase": {"type": "boolean"},
        },
        description="every match of token patterns or a regular expression",
        validate=validate_pattern,
        needs=_needs,
    )
)
register(
    CheckKind(
        "consistency",
        check_consistency,
        frozenset({"key", "value", "first_value", "first_text", "text"}),
        parameters={
            "tokens": _TOKEN_PATTERNS,
            "key": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]},
            "value": {"type": "string"},
        },
        description="mentions with the same key and different values",
        validate=validate_consistency,
        needs=_needs,
    )
)
