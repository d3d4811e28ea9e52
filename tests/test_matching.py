"""CuedMatcher: the date and TIMEX matchers run only around cue tokens, with the same matches."""

from __future__ import annotations

from spacy.matcher import Matcher

from factlint.claims.dates import build_matcher
from factlint.matching import CuedMatcher, Reach, cued_matcher, necessary_cues
from factlint.nlp import load_pipeline
from factlint.temporal.patterns import timex_matcher
from tests.conftest import SEED

TEXT = (
    "Monday, Oct. 1, 2019. On Wednesday, October 1, he arrived; two weeks ago, in the 1990s, last year "
    "and the following year (Tuesday, Oct. 8) it rained. March 31 Sunday 2020 - 04 - 05."
)


def test_cued_matches_equal_the_full_matchers_matches() -> None:
    nlp = load_pipeline(None).nlp
    for matcher in (build_matcher(nlp.vocab), timex_matcher(nlp.vocab)):
        assert matcher.cues is not None
        for text in (TEXT, SEED.read_text(encoding="utf-8"), "", "No dates here at all."):
            doc = nlp(text)
            assert matcher(doc) == sorted(matcher.matcher(doc), key=lambda m: (m[1], m[2], m[0]))
        assert matcher(nlp(TEXT))  # and they do find something


def test_cues_pick_the_rarest_required_token_and_reach_around_it() -> None:
    cues, reach = necessary_cues(
        [[{"LOWER": "the"}, {"LOWER": {"IN": ["year", "month"]}}, {"ORTH": ",", "OP": "?"}]], frozenset({"the"})
    )
    assert cues.words == frozenset({"year", "month"}) and reach == Reach(1, 1)
    assert necessary_cues([[{"LIKE_NUM": True}]]) is None  # no set or regex can stand for it


def test_unbounded_patterns_are_matched_everywhere() -> None:
    nlp = load_pipeline(None).nlp
    pattern = [{"LOWER": "the"}, {"IS_ALPHA": True, "OP": "+"}]
    matcher = Matcher(nlp.vocab)
    matcher.add("x", [pattern])
    cued = cued_matcher(matcher, [pattern])
    assert isinstance(cued, CuedMatcher) and cued.cues is None
    doc = nlp("the big ship")
    assert cued(doc) == list(matcher(doc))
