"""The gate: which sentences of a document the trained components (NER, parser) must read.

The statistical components cost far more than everything else, and most sentences of a news
article hold no date, number or event a rule compares. The cheap pass (tokenizer,
sentencizer, calendar attributes) matches trigger patterns; each triggered sentence and the
one before it (the antecedent of a pronoun) are parsed, adjacent picks merged into chunks.
Soundness: a token-pattern rule (pattern, consistency) gates on its own patterns with the
trained attributes dropped, so each match of the full parse lies in a parsed chunk; other
check kinds needing trained components gate on the triggers, which they must not look past.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from factlint.resources import builtin_rules_dir

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

    from factlint.rules import Rule

# Token attributes only a trained component sets (or sets differently: sentence starts).
TRAINED_ATTRIBUTES = frozenset(
    {"ENT_TYPE", "ENT_IOB", "ENT_ID", "ENT_KB_ID", "POS", "TAG", "MORPH", "LEMMA", "DEP", "SENT_START", "IS_SENT_START"}
)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: start-up time
CONTEXT_SENTENCES = 1  # sentences parsed before each triggered one

Pattern = tuple[Mapping[str, Any], ...]


def _lexicon_pattern(item: Any) -> list[dict[str, Any]]:
    """A lexicon trigger: "press conference" (lower-cased words), a token spec, or a token pattern."""
    if isinstance(item, str):
        return [{"LOWER": word} for word in item.lower().split()]
    if isinstance(item, dict):
        return [dict(item)]
    return [dict(token) for token in item]


def _flatten(triggers: Any) -> list[Any]:
    if isinstance(triggers, dict):
        return [item for value in triggers.values() for item in _flatten(value)]
    return list(triggers or [])


@lru_cache(maxsize=4)
def load_triggers(rules_dir: Path | None = None) -> dict[str, tuple[list[dict[str, Any]], ...]]:
    """Trigger patterns by name: rules/patterns/triggers.yaml, plus `triggers:` of each lexicon."""
    rules_dir = rules_dir or builtin_rules_dir()
    with open(rules_dir / "patterns" / "triggers.yaml", encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_LOADER) or {}
    found = {name: tuple(_lexicon_pattern(p) for p in patterns) for name, patterns in data.get("triggers", {}).items()}
    for path in sorted((rules_dir / "lexicons").glob("*.yaml")):
        with open(path, encoding="utf-8") as handle:
            lexicon = yaml.load(handle, Loader=_LOADER) or {}
        items = _flatten(lexicon.get("triggers")) if isinstance(lexicon, dict) else []
        patterns = tuple(p for p in (_lexicon_pattern(item) for item in items) if p)
        if patterns:
            found[f"lexicon-{path.stem}"] = patterns
    return found


def relax(pattern: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The pattern with trained attributes dropped and wildcard ends trimmed: it matches (a part
    of) every stretch the full pattern matches in a parsed doc. Empty: it may match anywhere."""
    relaxed: list[dict[str, Any]] = []
    for token in pattern:
        kept = {k: v for k, v in token.items() if k not in TRAINED_ATTRIBUTES and k != "field"}
        if len(kept) < len({k for k in token if k != "field"}) and kept.get("OP") == "!":
            kept = {}  # "not a PERSON" relaxed is "any token"
        relaxed.append(kept)
    is_wildcard = [not {k for k in token if k != "OP"} for token in relaxed]
    if all(is_wildcard):
        return []
    first = is_wildcard.index(False)
    last = len(relaxed) - is_wildcard[::-1].index(False)
    return relaxed[first:last]


def rule_patterns(rules: Iterable[Rule]) -> tuple[list[list[dict[str, Any]]], bool, bool]:
    """What the rules needing trained components gate on: the relaxed token patterns of
    pattern-based rules; whether another rule needs the built-in triggers; and whether some
    pattern relaxes to nothing (so every sentence must be parsed)."""
    patterns: list[list[dict[str, Any]]] = []
    triggers = False
    for rule in rules:
        if not rule.requires:
            continue
        if "tokens" not in rule.params:
            triggers = True
            continue
        for pattern in rule.params["tokens"]:
            relaxed = relax(pattern)
            if not relaxed:
                return [], triggers, True
            patterns.append(relaxed)
    return patterns, triggers, False


@dataclass(frozen=True)
class Gate:
    matcher: Matcher | None  # None: every sentence is parsed
    context: int = CONTEXT_SENTENCES

    def chunks(self, doc: Doc) -> list[tuple[int, int]]:
        """Character ranges of `doc` to parse: runs of picked sentences, in order."""
        if not doc.text.strip():
            return []
        if self.matcher is None:
            return [(0, len(doc.text))]
        sentences = list(doc.sents)
        starts = [s.start for s in sentences]
        marks = [0] * (len(sentences) + 1)  # difference array: linear in matches + sentences
        for _key, start, end in self.matcher(doc):
            first = bisect.bisect_right(starts, start) - 1
            last = bisect.bisect_right(starts, max(end - 1, start)) - 1
            marks[max(first - self.context, 0)] += 1
            marks[last + 1] -= 1
        ranges: list[tuple[int, int]] = []
        depth, previous = 0, False
        for index, sentence in enumerate(sentences):
            depth += marks[index]
            picked = depth > 0
            if picked and previous:
                ranges[-1] = (ranges[-1][0], sentence.end_char)
            elif picked:
                ranges.append((sentence.start_char, sentence.end_char))
            previous = picked
        return ranges


def build_gate(vocab: Any, rules: Iterable[Rule], gating: bool = True) -> Gate:
    """The gate for a run: the built-in triggers when a check kind needs them, plus the
    relaxed patterns of token-pattern rules (whose matches need nothing else)."""
    from spacy.matcher import Matcher

    from factlint.lexicon import native_calendar_pattern

    extra, triggers, everything = rule_patterns(rules)
    if not gating or everything:
        return Gate(None)
    matcher = Matcher(vocab, validate=True)
    for name, patterns in load_triggers().items() if triggers else ():
        matcher.add(f"trigger-{name}", [native_calendar_pattern(list(p)) for p in patterns])
    for index, pattern in enumerate(extra):
        matcher.add(f"rule-{index}", [pattern])
    return Gate(matcher)
