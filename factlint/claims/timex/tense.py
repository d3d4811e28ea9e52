"""The tense of the clause around an expression: decides which Friday "on Friday" is.

With the trained tagger (Analysis.parsed), the finite verb nearest the expression in its
sentence decides; without it (how TIMEX values are read, so that they never depend on what
the gate parsed), the nearest tense word does: "will", "is to", "said", "arrived", "is".
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


_PRESENT = frozenset({"is", "are", "am", "says", "say", "does", "do", "has", "have", "'ve", "would", "could", "should"})
_PRESENT |= frozenset({"may", "might", "can", "must"})
_PAST = frozenset(
    {"said", "was", "were", "had", "did", "told", "went", "came", "took", "made", "gave", "left", "began", "met", "held",
     "won", "lost", "got", "saw", "became", "fell", "rose", "paid", "sent", "spent", "struck", "led", "brought", "bought",
     "sold", "thought", "found", "kept", "ran", "spoke", "wrote", "broke", "chose", "flew", "knew", "grew", "drew", "threw"}
)  # fmt: skip
_PERFECT = frozenset({"has", "have", "'ve", "had"})
_PASSIVE = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "'re", "am"})


def _cue(words: Sequence[str], index: int) -> str:
    """The tense word `index` marks without a tagger ("" for none): a future auxiliary or
    plan ("will", "is to"), a past form ("said", "arrived"; "has arrived" reads as past, as the
    tagged reader does), or a present or modal finite form ("is", "would")."""
    word = words[index]
    if word in _FUTURE_AUX or _future_phrase(words, index):
        return "future"
    following = words[index + 1] if index + 1 < len(words) else ""
    if word in _PERFECT and _past_form(following):
        return "past"
    if word in _PRESENT:
        return "present"
    if _past_form(word) and index and words[index - 1] in _PASSIVE | _PERFECT:
        return ""  # a participle ("will be held", "was sent"): its auxiliary decides
    return "past" if _past_form(word) else ""


def _past_form(word: str) -> bool:
    return word in _PAST or (len(word) > 4 and word.endswith("ed") and word.isalpha())


class TenseReader:
    def __init__(self, doc: Doc, parsed: Sequence[Any] = ()) -> None:
        self.doc = doc
        self.parsed = [c for c in parsed if c.doc.has_annotation("TAG")]
        self.sentenced = doc.has_annotation("SENT_START")
        self.words: dict[tuple[int, int], tuple[list[str], list[int]]] = {}  # a sentence's words and offsets

    def tense(self, start: int, end: int) -> str:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return ""
        sent = span.sent if self.sentenced else self.doc[:]
        for chunk in self.parsed:
            if chunk.offset <= sent.start_char and sent.end_char <= chunk.end:
                tagged = chunk.doc.char_span(
                    sent.start_char - chunk.offset, sent.end_char - chunk.offset, alignment_mode="expand"
                )
                if tagged is not None:
                    return self._tagged(tagged, start - chunk.offset, end - chunk.offset)
        words = self.words.get((sent.start, sent.end))
        if words is None:
            words = self.words[sent.start, sent.end] = ([t.lower_ for t in sent], [t.idx for t in sent])
        return self._untagged(*words, start, end)

    @staticmethod
    def _untagged(words: Sequence[str], offsets: Sequence[int], start: int, end: int) -> str:
        """Without tags: the tense cue nearest [start, end) in its sentence, before it first, as
        `_tagged` does with the finite verb; no cue at all reads as past, the news default."""
        before = [i for i, at in enumerate(offsets) if at < start]
        after = [i for i, at in enumerate(offsets) if at >= end]
        for index in [*reversed(before), *after]:
            tense = _cue(words, index)
            if tense:
                return tense
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
    the date a plan or a deadline, counts: "arrived in Moscow on Oct. 9" yes, "said it would
    arrive on Oct. 9" no. Without a tagged chunk covering the date, past forms stand in for
    the VBD tag ("said", "arrived"; not the participle of "was sent").
    """
    doc, offset, tagged = reader.doc, 0, False
    for chunk in reader.parsed:
        if chunk.offset <= start and end <= chunk.end:
            doc, offset, tagged = chunk.doc, chunk.offset, True
            break
    span = doc.char_span(start - offset, end - offset, alignment_mode="expand")
    if span is None:
        return ""
    first = span.start
    for index in range(first - 1, max(first - 1 - window, -1), -1):
        token = doc[index]
        lower = token.lower_
        if lower in _NOT_EVENT_TIME:
            return ""
        before = doc[index - 1].lower_ if index else ""
        past = token.tag_ == "VBD" if tagged else _past_form(lower) and before not in _PASSIVE | _PERFECT
        if past:
            between = {t.lower_ for t in doc[index + 1 : first]}
            if lower in _REPORTING and between - _DATE_LEAD:
                return ""  # "said talks open on Saturday": the date is the reported event's, not the saying's
            return token.text if not between & _NOT_EVENT_TIME else ""
        present = token.tag_ in ("VBZ", "VBP", "MD") if tagged else lower in _PRESENT or lower in _FUTURE_AUX
        if present or token.text in (";", ".", "--"):
            return ""
    return ""
