"""Check kind `pattern`: every match of spaCy Matcher token patterns (or of a regular
expression, run with a timeout so a catastrophic pattern cannot hang CI) is a diagnostic."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from factlint.core.errors import RuleAborted
from factlint.core.findings import Finding
from factlint.kinds.base import CheckKind
from factlint.kinds.token_patterns import TOKEN_PATTERNS, pattern_components, rule_docs, token_matches, validate_token_patterns

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.core.rule import Rule

REGEX_TIMEOUT_SECONDS = 1.0


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
        for start, end, _alignment in token_matches(doc, rule):
            span = doc[start:end]
            yield Finding(offset + span.start_char, offset + span.end_char, {"text": span.text})


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


PATTERN = CheckKind(
    "pattern",
    check_pattern,
    frozenset({"text"}),
    parameters={
        "tokens": TOKEN_PATTERNS,
        "regex": {"type": "string", "minLength": 1, "description": "a regular expression (run with a timeout)"},
        "ignorecase": {"type": "boolean", "description": "the regular expression ignores case"},
    },
    description="every match of token patterns or a regular expression",
    validate=validate_pattern,
    needs=pattern_components,
)
