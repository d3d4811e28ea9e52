"""The sentences of a Doc, worked out once and shared by everything that numbers them.

Dates, TIMEX values, the gate and the claims all ask which sentence an offset is in. spaCy's
`doc.sents` builds a Token for every token each time it is walked; here the boundaries are
read from the SENT_START array once per Doc and kept in its `user_data`.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_KEY = "fl_sentences"


def sentences(doc: Doc) -> list[Span]:
    """The sentences of `doc`, as `list(doc.sents)` gives them; the whole doc as one when no
    component set sentence boundaries (and none for an empty doc)."""
    found = doc.user_data.get(_KEY)
    if found is None:
        found = doc.user_data[_KEY] = _sentences(doc)
    return found


def _sentences(doc: Doc) -> list[Span]:
    import numpy
    from spacy.attrs import SENT_START

    if not len(doc):
        return []
    if not doc.has_annotation("SENT_START"):
        return [doc[:]]
    starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)  # the first token starts a sentence, as doc.sents has it
    return [doc[a:b] for a, b in zip(starts, [*starts[1:], len(doc)], strict=True)]


def start_chars(doc: Doc) -> list[int]:
    """Plain-text offsets where the sentences of `doc` start ([0] for an empty doc)."""
    return [sentence.start_char for sentence in sentences(doc)] or [0]


def index_of_token(doc: Doc, token: int) -> int:
    """Index of the sentence holding token number `token`."""
    key = _KEY + "_token_starts"
    starts = doc.user_data.get(key)
    if starts is None:
        starts = doc.user_data[key] = [sentence.start for sentence in sentences(doc)]
    return max(bisect.bisect_right(starts, token) - 1, 0)
