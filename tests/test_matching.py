"""CuedMatcher: the date and TIMEX matchers run only around cue tokens, with the same matches."""

from __future__ import annotations

from factlint.claims.dates import build_matcher
from factlint.matching import Reach, _cue_of, cued_matcher
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
        assert len(matcher.groups) > 1  # patterns grouped by their cue
        for text in (TEXT, SEED.read_text(encoding="utf-8"), "", "No dates here at all."):
            doc = nlp(text)
            assert matcher(doc) == sorted(matcher.matcher(doc), key=lambda m: (m[1], m[2], m[0]))
        assert matcher(nlp(TEXT))  # and they do find something


def test_a_cue_is_the_rarest_required_token_and_reach_is_around_it() -> None:
    pattern = [{"LOWER": "the"}, {"LOWER": {"IN": ["year", "month"]}}, {"ORTH": ",", "OP": "?"}]
    found = _cue_of(pattern, frozenset({"the"}))
    assert found is not None
    cues, reach = found
    assert cues.words == frozenset({"year", "month"}) and reach == Reach(1, 1)
    assert _cue_of([{"LIKE_NUM": True}], frozenset()) is None  # no set or regex can stand for it


def test_patterns_without_cues_or_with_unbounded_tokens_are_matched_everywhere() -> None:
    nlp = load_pipeline(None).nlp
    doc = nlp("the big ship sailed on 12 May")
    for pattern in ([{"LOWER": "the"}, {"IS_ALPHA": True, "OP": "+"}], [{"LIKE_NUM": True}]):
        cued = cued_matcher(nlp.vocab, [("x", pattern)])
        assert cued.groups == ()
        assert cued(doc) == list(cued.matcher(doc)) != []
