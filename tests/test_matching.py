"""CuedMatcher: the date and TIMEX matchers run only around cue tokens, with the same matches."""

from __future__ import annotations

import json
from itertools import islice

from factlint.claims.dates import build_matcher
from factlint.claims.timex.patterns import timex_matcher
from factlint.nlp.matching import Reach, _cue_of, cued_matcher
from factlint.nlp.pipeline import load_pipeline
from tests.conftest import REPO, SEED

CORPUS = REPO.parent / "shared" / "corpora" / "index" / "te3-silver.jsonl"

TEXT = (
    "Monday, Oct. 1, 2019. On Wednesday, October 1, he arrived; two weeks ago, in the 1990s, last year "
    "and the following year (Tuesday, Oct. 8) it rained. March 31 Sunday 2020 - 04 - 05."
)


def test_cued_matches_equal_the_full_matchers_matches() -> None:
    nlp = load_pipeline(None).nlp
    for matcher in (build_matcher(nlp.vocab), timex_matcher(nlp.vocab)):
        assert len(matcher.groups) > 1  # patterns grouped by their cue
        for text in (TEXT, SEED.read_text(encoding="utf-8"), "", "No dates here at all.", *news(60)):
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


def news(count: int) -> list[str]:
    if not CORPUS.exists():
        return []
    with open(CORPUS, encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in islice(handle, count)]


def test_more_cue_groups_than_an_int64_holds_still_match_the_same() -> None:
    nlp = load_pipeline(None).nlp
    words = [f"w{i}" for i in range(70)]
    cued = cued_matcher(nlp.vocab, [(word, [{"LOWER": word}, {"IS_DIGIT": True}]) for word in words])
    assert len(cued.groups) == 70
    doc = nlp(" ".join(f"{word} {i} x" for i, word in enumerate(reversed(words))) + " W69 7")
    found = cued(doc)
    assert found == sorted(cued.matcher(doc), key=lambda m: (m[1], m[2], m[0]))
    assert len(found) == 71
