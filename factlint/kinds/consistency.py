"""Check kind `consistency`: token patterns capture named fields (`field: name` on a token);
mentions with the same key and different values are flagged, with the first mention related."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from factlint.core.findings import Finding, RelatedSpan
from factlint.core.rule import thaw
from factlint.kinds.base import CheckKind
from factlint.kinds.token_patterns import TOKEN_PATTERNS, pattern_components, rule_docs, token_matches, validate_token_patterns

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from factlint.analysis.document_analysis import Analysis
    from factlint.core.rule import Rule


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
    key = thaw(rule.params["key"])
    key_fields: list[str] = list(key) if isinstance(key, list) else [key]
    value_field: str = rule.params["value"]
    first_by_key: dict[tuple[str, ...], tuple[str, int, int, str]] = {}
    matches = ((offset, doc, match) for offset, doc in rule_docs(analysis, rule) for match in token_matches(doc, rule))
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


CONSISTENCY = CheckKind(
    "consistency",
    check_consistency,
    frozenset({"key", "value", "first_value", "first_text", "text"}),
    parameters={
        "tokens": TOKEN_PATTERNS,
        "key": {
            "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}],
            "description": "the captured field (or fields) that name the thing",
        },
        "value": {"type": "string", "description": "the captured field that must agree"},
    },
    description="mentions with the same key and different values",
    validate=validate_consistency,
    needs=pattern_components,
)
