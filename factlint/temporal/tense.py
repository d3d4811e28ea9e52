"""The tense of the clause around an expression: decides which Friday "on Friday" is.

With the trained tagger (Analysis.parsed), the finite verb nearest the expression in its
sentence decides; without it, auxiliaries in the sentence ("will", "is to", "'ll") mark the
future and anything else reads as past, the news default.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
_TO_BE = frozenset({"is", "are", "'s", "'re", "am"})
_PLAN = frozenset({"to", "due", "set", "scheduled", "expected", "going", "planned", "slated"})


def _future_phrase(words: Sequence[str], index: int) -> bool:
    """ "is to", "are due to", "is scheduled to" starting at `index`."""
    return words[index] in _TO_BE and index + 1 < len(words) and words[index + 1] in _PLAN


class TenseReader:
    def __init__(self, doc: Doc, parsed: Sequence[Any] = ()) -> None:
        self.doc = doc
        self.parsed = [c for c in parsed if c.doc.has_annotation("TAG")]

    def tense(self, start: int, end: int) -> str:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return ""
        sent = span.sent if self.doc.has_annotation("SENT_START") else self.doc[:]
        for chunk in self.parsed:
            if chunk.offset <= sent.start_char and sent.end_char <= chunk.end:
                tagged = chunk.doc.char_span(
                    sent.start_char - chunk.offset, sent.end_char - chunk.offset, alignment_mode="expand"
                )
                if tagged is not None:
                    return self._tagged(tagged, start - chunk.offset, end - chunk.offset)
        words = [t.lower_ for t in sent]
        if any(w in _FUTURE_AUX for w in words) or any(_future_phrase(words, i) for i in range(len(words))):
            return "future"
        return "past"

    @staticmethod
    def _tagged(sent: Any, start: int, end: int) -> str:
        """The tense of the finite verb nearest [start, end) in a tagged sentence."""
        words = [t.lower_ for t in sent]
        # The verb before the expression governs it more often than the one after ("said it
        # will meet on Monday", "On Monday, the company said"): after counts only when none is before.
        finite = [
            (t.idx >= end, abs(t.idx - start) if t.idx < start else t.idx - end, i)
            for i, t in enumerate(sent)
            if t.tag_ in ("VBD", "VBZ", "VBP", "MD") and not (start <= t.idx < end)
        ]
        if not finite:
            return ""
        _after, _distance, index = min(finite)
        token = sent[index]
        if token.tag_ == "MD":
            return "future" if words[index] in _FUTURE_AUX else "present"
        if token.tag_ == "VBD":
            return "past"
        if _future_phrase(words, index):
            return "future"
        following = sent[index + 1] if index + 1 < len(sent) else None
        if words[index] in ("has", "have", "'ve") and following is not None and following.tag_ == "VBN":
            return "past"
        return "present"


# Words between a past verb and a date that make the date a plan, a deadline or reported
# speech rather than the time of the past event ("said it will pay Dec. 7", "agreed to ... by Nov. 1").
_NOT_EVENT_TIME = frozenset(
    {"to", "will", "would", "could", "should", "may", "might", "'ll", "'d", "shall", "must", "can", "due", "payable",
     "scheduled", "expected", "set", "planned", "by", "until", "till", "through", "before", "from", "effective", "starting",
     "beginning", "that", "is", "are", "be", "'s", "next", "deadline"}
)  # fmt: skip


_REPORTING = frozenset({"said", "told", "announced", "reported", "added", "stated", "declared", "confirmed", "warned"})
_DATE_LEAD = frozenset({"on", "late", "early", "last", "this", "that", "-", ","})


def past_event_at(reader: TenseReader, start: int, end: int, window: int = 6) -> str:
    """The past-tense verb (tagged VBD) this date plainly dates, or "" when none does.

    Only a VBD at most `window` tokens before the date, with nothing between them that makes
    the date a plan or a deadline, counts: "arrived in Moscow on Oct. 9" yes, "said it
    would arrive on Oct. 9" no.
    """
    for chunk in reader.parsed:
        if not (chunk.offset <= start and end <= chunk.end):
            continue
        span = chunk.doc.char_span(start - chunk.offset, end - chunk.offset, alignment_mode="expand")
        if span is None:
            return ""
        first = span.start
        for index in range(first - 1, max(first - 1 - window, -1), -1):
            token = chunk.doc[index]
            if token.lower_ in _NOT_EVENT_TIME:
                return ""
            if token.tag_ == "VBD":
                between = {t.lower_ for t in chunk.doc[index + 1 : first]}
                if token.lower_ in _REPORTING and between - _DATE_LEAD:
                    return ""  # "said talks open on Saturday": the date is the reported event's, not the saying's
                return token.text if not between & _NOT_EVENT_TIME else ""
            if token.tag_ in ("VBZ", "VBP", "MD") or token.text in (";", ".", "--"):
                return ""
        return ""
    return ""
