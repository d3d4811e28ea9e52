"""Check kinds on the resolved timeline (Analysis.timexes): `past-event-after-publication`
and `relative-date-conflict`."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING

from factlint.claims.timex.tense import TenseReader, past_event_at
from factlint.claims.timex.types import AnchorKind, Timex
from factlint.claims.timex.values import bounds
from factlint.kinds.base import CheckKind, Finding, RelatedSpan, register
from factlint.nlp.pipeline import lemma

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.analysis.gate import Cues, SentenceRange
    from factlint.engine.rule_loading import Rule

# Nouns spaCy lists as stop words that name events ("port call", "the 2017 show").
_NOUNS_IN_STOP_LIST = frozenset({"call", "part", "show", "move", "side", "name", "front", "top", "bottom", "back"})
KEYED_SENTENCES = 3  # "last year's port call" and "the 2017 port call" within three sentences
_RELATIVE_KINDS = ("relative/", "anaphoric/", "offset/", "ago/")
_APPOSITION_MARKS = (",", "(", "—", "–")
# Between a relative date and an explicit restatement of it: "the following year, in 2018".
_APPOSITION = frozenset({",", "(", "in", "on", "of", "-", "–", "—", "i.e.", "namely"})


def anchor_text(timex: Timex, timexes: tuple[Timex, ...], analysis: Analysis) -> str:
    """What a value was computed from, for messages: 'the publication date 2019-10-04', '"2016"'."""
    if timex.anchor is AnchorKind.EXPRESSION and timex.anchor_index is not None:
        return f'"{timexes[timex.anchor_index].text}"'
    if timex.anchor is AnchorKind.DCT and analysis.document.dct is not None:
        return f"the publication date {analysis.document.dct.value.isoformat()}"
    return "the text"


YEARLESS_WINDOW_DAYS = 31


def _explicit_year(text: str) -> bool:
    return any(len(word) == 4 and word.isdigit() for word in text.replace(",", " ").split())


def _dates_the_verb(analysis: Analysis, timex: Timex) -> bool:
    """The date is the time of a past-tense event verb: its path up the parse reaches a verb
    tagged VBD before any other verb, and that verb is no copula and has no modal, infinitive
    or conditional attached ("said the meeting is Saturday" and "was due Nov. 3" do not count)."""
    for chunk in analysis.parsed:
        if not (chunk.offset <= timex.start and timex.end <= chunk.end):
            continue
        span = chunk.doc.char_span(timex.start - chunk.offset, timex.end - chunk.offset, alignment_mode="expand")
        if span is None or not chunk.doc.has_annotation("DEP"):
            return False
        token = span.root
        for _ in range(6):
            if token.head.i == token.i:
                return False
            token = token.head
            if token.pos_ in ("NOUN", "PROPN", "PRON") and not (span.start <= token.i < span.end):
                return False  # "gave no reason for the Jan. 14 deadline": the date is the deadline's
            if token.pos_ in ("VERB", "AUX"):
                blocked = any(c.dep_ in ("aux", "auxpass", "mark") and c.lower_ in _NOT_PAST for c in token.children)
                return token.tag_ == "VBD" and lemma(token) != "be" and not blocked
        return False
    return False


_NOT_PAST = frozenset(
    {"will", "would", "could", "should", "may", "might", "'ll", "'d", "shall", "must", "can", "to", "if", "unless"}
)


def _after_publication(analysis: Analysis, rule: Rule) -> Iterator[Timex]:
    """Days after the publication date that a past-tense verb could misdate (no parse needed)."""
    dct = analysis.document.dct
    if dct is None:
        return
    min_days_after = int(rule.params.get("min_days_after", 2))
    for timex in analysis.timexes:
        span = bounds(timex.value) if timex.is_date else None
        if span is None or span[0] <= dct.value:
            continue
        if timex.granularity not in ("day", "time"):
            continue  # "in 1990", "in January": reported plans far more often than misdated events
        if (span[0] - dct.value).days < min_days_after:
            continue  # wire copy filed the evening before: "headed Tuesday to East Africa" on Monday
        if not _explicit_year(timex.text) and (span[0] - dct.value).days > YEARLESS_WINDOW_DAYS:
            continue  # "the quarter ended March 31" in November: last March, not a misdated event
        yield timex


def select_after_publication(cues: Cues, rule: Rule) -> Iterator[SentenceRange]:
    """The sentences of those days: TIMEX values come from the cheap pass, so this is exact."""
    for timex in _after_publication(cues.analysis, rule):
        yield cues.sentence_of(timex.start), cues.sentence_of(max(timex.end - 1, timex.start))


def check_past_event_after_publication(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """A past-tense clause dated after the publication date ("arrived on Oct. 9" on Oct. 4).

    Proves: a day after the DCT is the time of a past-tense event verb (the parse attaches
    it to that verb, with nothing making it a plan or deadline: "will", "to", "by", "due").
    Does not: judge months or years, dates without a DCT, reported plans ("said it would pay
    Dec. 7"), copulas ("the deadline was Nov. 3"), dates less than `min_days_after` days
    after publication (wire copy is filed the evening before it runs), or a yearless date
    more than a month after (more likely last year's: "the quarter ended March 31").
    """
    dct = analysis.document.dct
    if dct is None:
        return
    tenses = TenseReader(analysis.doc, analysis.parsed)
    for timex in _after_publication(analysis, rule):
        verb = past_event_at(tenses, timex.start, timex.end)
        if not verb or not _dates_the_verb(analysis, timex):
            continue
        yield Finding(
            timex.start,
            timex.end,
            {
                "text": timex.text,
                "value": timex.value,
                "dct": dct.value,
                "verb": verb,
                "anchor": anchor_text(timex, analysis.timexes, analysis),
            },
            note=f"the publication date is {dct.value.isoformat()} ({dct.origin})",
        )


def _disjoint(a: str, b: str) -> bool:
    first, second = bounds(a), bounds(b)
    return first is not None and second is not None and (first[1] < second[0] or second[1] < first[0])


def _event_key(analysis: Analysis, timex: Timex) -> str:
    """The noun a date modifies: "port call" in "last year's port call" and "the 2017 port call"."""
    doc = analysis.doc
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return ""
    words: list[str] = []
    index = span.end + (1 if span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s") else 0)
    while index < len(doc) and len(words) < 2 and doc[index].is_alpha and not doc[index]._.fl_month:
        if doc[index].is_stop and doc[index].lower_ not in _NOUNS_IN_STOP_LIST:
            break
        words.append(doc[index].lower_)
        index += 1
    return " ".join(words)


def _pairs(analysis: Analysis) -> Iterator[tuple[Timex, Timex, str]]:
    """(relative expression, explicit expression, how the text ties them) for each tie."""
    timexes, text = analysis.timexes, analysis.document.text
    for first, second in pairwise(timexes):
        gap = text[first.end : second.start]
        between = gap.split()
        relative_then_explicit = first.anchor in (AnchorKind.DCT, AnchorKind.EXPRESSION) and second.anchor is AnchorKind.EXPLICIT
        # Only a relative expression proper ("the following year", "last year"), not a bare month
        # or weekday completed by the year after it ("March, 2008"), and only across apposition
        # punctuation ("the following year, in 2018"), not "the year of 2002".
        relative = first.kind.startswith(_RELATIVE_KINDS)
        apposed = any(mark in gap for mark in _APPOSITION_MARKS)
        if (
            relative_then_explicit
            and relative
            and apposed
            and all(w.strip(",()") in _APPOSITION or not w.strip(",()") for w in between)
        ):
            yield first, second, "restates"
    keyed: dict[str, Timex] = {}
    for timex in timexes:
        key = _event_key(analysis, timex) if timex.is_date else ""
        if not key:
            continue
        other = keyed.get(key)
        keyed[key] = timex  # the latest mention: the same noun pages apart is often another event
        if other is None or timex.sentence - other.sentence > KEYED_SENTENCES:
            continue
        if AnchorKind.EXPLICIT in (timex.anchor, other.anchor) and timex.anchor is not other.anchor:
            relative, explicit = (timex, other) if other.anchor is AnchorKind.EXPLICIT else (other, timex)
            yield relative, explicit, f'dates the same "{key}" as'


def check_relative_date_conflict(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """A relative date and an explicit one the text ties to the same event disagree.

    Proves: the relative expression, resolved from its anchor, and the explicit one do not
    overlap, where the text ties them by apposition ("the following year, in 2018") or by
    dating the same noun ("last year's port call" ... "the 2017 port call").
    Does not: link expressions through coreference or paraphrase of the event.
    """
    seen: set[tuple[int, int]] = set()
    for relative, explicit, tie in _pairs(analysis):
        if (relative.start, explicit.start) in seen or not _disjoint(relative.value, explicit.value):
            continue
        seen.add((relative.start, explicit.start))
        yield Finding(
            relative.start,
            relative.end,
            {
                "text": relative.text,
                "value": relative.value,
                "anchor": anchor_text(relative, analysis.timexes, analysis),
                "other_text": explicit.text,
                "other_value": explicit.value,
                "tie": tie,
            },
            related=(RelatedSpan(explicit.start, explicit.end, f"explicitly {explicit.value} here"),),
        )


register(
    CheckKind(
        "past-event-after-publication",
        check_past_event_after_publication,
        frozenset({"text", "value", "dct", "verb", "anchor"}),
        parameters={"min_days_after": {"type": "integer", "minimum": 1}},
        requires=frozenset({"tagger", "parser"}),
        select=select_after_publication,
        description="a past-tense clause dated after the publication date",
    )
)
register(
    CheckKind(
        "relative-date-conflict",
        check_relative_date_conflict,
        frozenset({"text", "value", "anchor", "other_text", "other_value", "tie"}),
        description="a relative date and an explicit date of the same event disagree",
    )
)
