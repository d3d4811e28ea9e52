"""The shared sentences of a Doc are spaCy's own, worked out once."""

from __future__ import annotations

import spacy

from factlint.nlp.pipeline import load_pipeline
from factlint.nlp.sentences import index_of_token, sentences, start_chars
from tests.conftest import SEED


def test_sentences_are_doc_sents_and_are_computed_once() -> None:
    doc = load_pipeline(None).nlp(SEED.read_text(encoding="utf-8"))
    expected = [(s.start, s.end) for s in doc.sents]
    assert [(s.start, s.end) for s in sentences(doc)] == expected and len(expected) > 10
    assert sentences(doc) == sentences(doc) and "fl_sentence_starts" in doc.user_data
    assert start_chars(doc) == [s.start_char for s in doc.sents]
    for index, (start, end) in enumerate(expected):
        assert index_of_token(doc, start) == index and index_of_token(doc, end - 1) == index


def test_a_doc_without_boundaries_is_one_sentence_and_an_empty_one_none() -> None:
    nlp = spacy.blank("en")
    doc = nlp("No sentencizer ran. So this is one.")
    assert [(s.start, s.end) for s in sentences(doc)] == [(0, len(doc))]
    assert sentences(nlp("")) == [] and start_chars(nlp("")) == [0]
