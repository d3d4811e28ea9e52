"""Check kind `past-event-after-publication`: a past-tense clause dated after the publication date."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint.claims.date_claim import DateClaim
from factlint.claims.timex.tense import TenseReader, past_event_at
from factlint.claims.timex.values import bounds
from factlint.core.findings import Finding
from factlint.kinds.base import CheckKind
from factlint.kinds.timex_fields import anchor_text
from factlint.nlp.pipeline import lemma

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.claims.cues import Cues, SentenceRange
    from factlint.core.rule import Rule


YEARLESS_WINDOW_DAYS = 31


def _explicit_year(text: str) -> bool:
    return any(len(word) == 4 and word.isdigit() for word in text.replace(",", " ").split())


# A date that is a clause's subject or object is what the clause is about, not when it happened.
_OBJECT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd", "dative"})


def _dates_the_verb(analysis: Analysis, timex: DateClaim) -> bool:
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
        if token.dep_ in _OBJECT_DEPS:
            return False  # "declared Friday, 12 July, a holiday": the date is what was declared, not when
        for _ in range(6):
            if token.head.i == token.i:
                return False
            token = token.head
            if token.pos_ in ("NOUN", "PROPN", "PRON") and not (span.start <= token.i < span.end):
                return False  # "gave no reason for the Jan. 14 deadline": the date is the deadline's
            if token.pos_ in ("VERB", "AUX"):
                blocked = any(c.dep_ in ("aux", "auxpass", "mark") and c.lower_ in _NOT_PAST for c in token.children)
                designated = lemma(token) in _DESIGNATING and span.root.dep_ != "pobj"
                return token.tag_ == "VBD" and lemma(token) != "be" and not blocked and not designated
        return False
    return False


# Verbs whose bare date is the day they name, not when they happened: "declared Friday, 12 July
# 2024, a special holiday", "moved the holiday to Monday" (but "declared on Friday" dates the declaring).
_DESIGNATING = frozenset({"declare", "proclaim", "designate", "name", "make", "set", "mark", "schedule", "reschedule"})
_DESIGNATING |= frozenset({"move", "shift", "choose", "pick", "fix", "announce"})
_NOT_PAST = frozenset(
    {"will", "would", "could", "should", "may", "might", "'ll", "'d", "shall", "must", "can", "to", "if", "unless"}
)


def _after_publication(analysis: Analysis, rule: Rule) -> Iterator[DateClaim]:
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


PAST_EVENT_AFTER_PUBLICATION = CheckKind(
    "past-event-after-publication",
    check_past_event_after_publication,
    frozenset({"text", "value", "dct", "verb", "anchor"}),
    parameters={
        "min_days_after": {"type": "integer", "minimum": 1, "description": "days after publication a date must be (default 2)"}
    },
    requires=frozenset({"tagger", "parser"}),
    select=select_after_publication,
    description="a past-tense clause dated after the publication date",
)
