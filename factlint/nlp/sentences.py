"""The sentences of a Doc, worked out once and shared by everything that numbers them.

Dates, TIMEX values, the gate and the claims all ask which sentence an offset is in. spaCy's
`doc.sents` builds a Token for every token each time it is walked; here the boundaries are
read from the SENT_START array once per Doc and kept in its `user_data` as token indexes
(not Spans: a Span there would make the Doc a reference cycle, freed only by the collector).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_STARTS = "fl_sentence_starts"  # token index where each sentence starts
_CHARS = "fl_sentence_chars"  # plain-text offset where each sentence starts


def _starts(doc: Doc) -> list[int]:
    found = doc.user_data.get(_STARTS)
    if found is None:
        import numpy
        from spacy.attrs import SENT_START

        if not len(doc):
            found = []
        elif not doc.has_annotation("SENT_START"):
            found = [0]
        else:
            found = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist()
            if not found or found[0] != 0:
                found.insert(0, 0)  # the first token starts a sentence, as doc.sents has it
        doc.user_data[_STARTS] = found
    return found


def sentences(doc: Doc) -> list[Span]:
    """The sentences of `doc`, as `list(doc.sents)` gives them; the whole doc as one when no
    component set sentence boundaries (and none for an empty doc). A new list each call:
    callers that need it often keep it (Analysis.sentences)."""
    starts = _starts(doc)
    if not starts:
        return []
    return [doc[a:b] for a, b in zip(starts, [*starts[1:], len(doc)], strict=True)]


def start_chars(doc: Doc) -> list[int]:
    """Plain-text offsets where the sentences of `doc` start ([0] for an empty doc)."""
    found = doc.user_data.get(_CHARS)
    if found is None:
        found = doc.user_data[_CHARS] = [doc[i].idx for i in _starts(doc)] or [0]
    return found


def index_of_token(doc: Doc, token: int) -> int:
    """Index of the sentence holding token number `token`."""
    return max(bisect.bisect_right(_starts(doc), token) - 1, 0)
