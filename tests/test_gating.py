"""The gate: trained components read only the sentences a rule may need, and lose nothing."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from factlint.analysis.document_analysis import analyse
from factlint.analysis.gate import Chunk, Gate, relax
from factlint.claims.cues import Cues
from factlint.claims.event_cues import (
    age_sentences,
    event_day_sentences,
    ordinal_series_sentences,
    quantity_sentences,
    series_count_sentences,
)
from factlint.engine.check import gate_for_rules as build_gate
from factlint.engine.check import lint_documents
from factlint.engine.options import LintOptions
from factlint.engine.rule_loading import Rule
from factlint.engine.selection import rules_for
from factlint.nlp.event_lexicon import load_event_lexicon
from factlint.nlp.pipeline import load_pipeline
from factlint.read.reader import ReadOptions, load_text
from tests.conftest import REPO, SEED

NER_PACK = """
rules:
  - id: place-weekday
    extends: pattern
    severity: info
    message: "place and weekday: {text}"
    description: A named place right before a weekday.
    tokens:
      - [{ENT_TYPE: GPE, OP: "+"}, {LOWER: "on"}, {_: {fl_weekday: true}}]
  - id: person-age
    extends: consistency
    severity: warning
    message: "{key} is {value} here but {first_value} earlier"
    description: One person, one age.
    key: who
    value: age
    tokens:
      - [{ENT_TYPE: PERSON, OP: "+", field: who}, {ORTH: ","}, {LIKE_NUM: true, field: age}, {ORTH: ","}]
"""


@pytest.fixture
def ner_pack(tmp_path: Path) -> Path:
    path = tmp_path / "ner.yaml"
    path.write_text(NER_PACK, encoding="utf-8")
    return path


def cues(text: str, dct: str = "2019-10-04") -> Cues:
    (analysis,) = analyse([load_text(text, "t.txt", ReadOptions(dct=date.fromisoformat(dct)))], load_pipeline(None))
    return Cues(analysis)


def picked(text: str, ranges: list[tuple[int, int]]) -> list[str]:
    """The sentences the ranges cover, as text."""
    sentences = cues(text).sentences
    covered = sorted({i for first, last in ranges for i in range(first, last + 1)})
    return [sentences[i].text for i in covered]


def test_relax_drops_trained_attributes_and_trims_wildcard_ends() -> None:
    pattern = [
        {"ENT_TYPE": "PERSON", "OP": "+", "field": "who"},
        {"ORTH": ","},
        {"LIKE_NUM": True, "field": "age"},
        {"POS": "NOUN"},
    ]
    assert relax(pattern) == [{"ORTH": ","}, {"LIKE_NUM": True}]
    assert relax([{"LOWER": "in"}, {"ENT_TYPE": "GPE", "OP": "!"}, {"LOWER": "on"}]) == [{"LOWER": "in"}, {}, {"LOWER": "on"}]
    assert relax([{"ENT_TYPE": "GPE", "OP": "+"}, {"POS": "VERB"}]) == []  # may match anywhere


def test_rule_that_may_match_anywhere_parses_everything(tmp_path: Path) -> None:
    pack = tmp_path / "any.yaml"
    pack.write_text(
        textwrap.dedent("""
        id: any-place
        extends: pattern
        severity: info
        message: "{text}"
        description: Every place.
        tokens: [[{ENT_TYPE: GPE}]]
        """),
        encoding="utf-8",
    )
    rules = rules_for(None, LintOptions(rule_paths=(pack,), select=("any-place",), use_config=False))
    assert build_gate(load_pipeline(None).nlp.vocab, rules).everything


def test_calendar_rules_parse_nothing_and_event_rules_get_their_selectors() -> None:
    vocab = load_pipeline(None).nlp.vocab
    calendar = rules_for(None, LintOptions(select=("weekday-mismatch", "impossible-date"), use_config=False))
    assert build_gate(vocab, calendar) == Gate()
    events = rules_for(None, LintOptions(select=("ordinal-conflict", "age-conflict"), use_config=False))
    names = {select.__name__ for select, _rule in build_gate(vocab, events).selectors}
    assert names == {"ordinal_series_sentences", "age_sentences"}
    assert build_gate(vocab, events, gating=False).everything


def test_event_word_forms_are_generated_from_the_lexicon() -> None:
    forms = load_event_lexicon().event_forms
    assert {"visit", "visits", "visited", "visiting", "trip", "trips", "meeting", "meetings", "met", "meets", "toured"} <= forms
    assert {"arrived", "landed", "began", "begun", "opening"} <= load_event_lexicon().start_forms
    assert "said" not in forms


def test_chunks_merge_picked_sentences_in_order() -> None:
    text = "Alpha one. Beta two. Gamma on Tuesday. Delta four. Epsilon five. Zeta six. He left Tuesday. Eta eight."

    def tuesday(found: Cues, _rule: object) -> list[tuple[int, int]]:
        return [(i - 1, i) for i in found.with_words(frozenset({"tuesday"}))]

    (analysis,) = analyse([load_text(text, "t.txt", ReadOptions())], load_pipeline(None))
    rule = rules_for(None, LintOptions(select=("age-conflict",), use_config=False))[0]
    chunks = Gate(((tuesday, rule),)).chunks(analysis)
    assert [text[c.start : c.end] for c in chunks] == ["Beta two. Gamma on Tuesday.", "Zeta six. He left Tuesday."]
    assert {c.components for c in chunks} == {rule.requires}
    assert Gate(everything=True).chunks(analysis) == [Chunk(0, len(text), frozenset())]
    assert Gate().chunks(analysis) == []


def rule(rule_id: str) -> Rule:
    return rules_for(None, LintOptions(select=(rule_id,), use_config=False))[0]


def test_event_rules_pick_event_sentences_only_where_their_comparison_is_possible() -> None:
    series, exceeds_count, exceeds_ordinal, day = (
        rule("ordinal-conflict"),
        rule("ordinal-exceeds-count"),
        rule("count-exceeds-ordinal"),
        rule("event-day-mismatch"),
    )
    plain = "In 2016 Duterte flew to Moscow. He met Putin there. The talks went well."
    selectors = event_selectors(series, exceeds_count, exceeds_ordinal, day)
    assert [select(cues(plain), r) for select, r in selectors] == [[], [], [], []]

    one = "In 2016 Duterte met Putin. It is hot. He met Putin there for the fourth time in 2019. The talks went well."
    found = [picked(one, select(cues(one), r)) for select, r in selectors]
    assert found[:2] == [[], []]  # one ordinal: no conflict; no count to exceed
    assert found[2] == [  # "the fourth" against the dated meetings told before it
        "In 2016 Duterte met Putin.",
        "It is hot.",
        "He met Putin there for the fourth time in 2019.",
        "The talks went well.",
    ]
    assert found[3] == []  # no day number

    two = "His first visit was in 2016. Rain fell. Then came his second visit."
    assert picked(two, ordinal_series_sentences(cues(two), series)) == [
        "His first visit was in 2016.",
        "Rain fell.",
        "Then came his second visit.",
    ]
    started = "Duterte arrived on October 1. Rain fell. It was the second day of his visit on October 2."
    assert picked(started, event_day_sentences(cues(started), day)) == [
        "Duterte arrived on October 1.",
        "Rain fell.",
        "It was the second day of his visit on October 2.",
    ]
    unstarted = "Rain fell. It was the second day of his visit on October 2."
    assert event_day_sentences(cues(unstarted), day) == []  # no start to count days from


def event_selectors(series: Rule, exceeds_count: Rule, exceeds_ordinal: Rule, day: Rule) -> list[tuple[Any, Rule]]:
    """Each event kind's selector with a rule of that kind."""
    return [
        (ordinal_series_sentences, series),
        (series_count_sentences, exceeds_count),
        (series_count_sentences, exceeds_ordinal),
        (event_day_sentences, day),
    ]


def test_quantity_sentences_pair_a_definite_number_with_an_earlier_count_of_the_same_plural() -> None:
    text = "Three Russian warships arrived. Crowds waved. The four warships left on Monday. The 4 ships stayed."
    assert picked(text, quantity_sentences(cues(text), None)) == [  # type: ignore[arg-type]
        "Three Russian warships arrived.",
        "The four warships left on Monday.",
    ]
    between = "Three warships arrived. Three warships waited. The four warships left."
    assert len(picked(between, quantity_sentences(cues(between), None))) == 3  # type: ignore[arg-type]  # the last count is compared
    loose = "Three warships arrived. The newly built four warships left."
    assert quantity_sentences(cues(loose), None) == []  # type: ignore[arg-type]  # "the" too far to make it definite
    same = "Three warships arrived. The three warships left."
    assert quantity_sentences(cues(same), None) == []  # type: ignore[arg-type]
    far = "Three warships arrived. It rained. People waited. Nobody spoke. The four warships left."
    assert quantity_sentences(cues(far), None) == []  # type: ignore[arg-type]


def test_age_sentences_need_two_age_cues() -> None:
    one = "Smith, 45, spoke. He left."
    assert age_sentences(cues(one), None) == []  # type: ignore[arg-type]
    two = "Smith, 45, spoke. Rain fell. The 47-year-old Smith left."
    assert picked(two, age_sentences(cues(two), None)) == ["Smith, 45, spoke.", "The 47-year-old Smith left."]


def test_past_event_rule_parses_only_sentences_dated_after_publication() -> None:
    rules = rules_for(None, LintOptions(select=("past-event-after-publication",), use_config=False))
    gate = build_gate(load_pipeline(None).nlp.vocab, rules)
    text = "Duterte arrived on October 1. Rain fell. He left on October 9, 2019. It was cold."
    (analysis,) = analyse([load_text(text, "t.txt", ReadOptions(dct=date(2019, 10, 4)))], load_pipeline(None))
    assert [(text[c.start : c.end], c.components) for c in gate.chunks(analysis)] == [
        ("He left on October 9, 2019.", frozenset({"tagger", "parser"}))
    ]


def _analyses(text: str, rules: list, gating: bool) -> list:
    cheap = load_pipeline(None)
    trained = load_pipeline(None, frozenset({"tagger", "parser", "ner"}))
    gate = build_gate(cheap.nlp.vocab, rules, gating)
    document = load_text(text, "seed.txt", ReadOptions())
    return list(analyse([document], cheap, trained=trained, gate=gate))


def test_gated_and_ungated_runs_agree_on_the_seed_with_an_ner_rule(ner_pack: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    rules = rules_for(None, LintOptions(rule_paths=(ner_pack,), use_config=False))
    document = load_text(text, "seed.txt", ReadOptions())
    gated = next(lint_documents([document], [rules], gating=True))
    full = next(lint_documents([document], [rules], gating=False))
    assert gated == full
    assert [(d.rule, d.location.start.line, d.location.start.column, d.message) for d in gated if d.rule == "place-weekday"] == [
        ("place-weekday", 19, 48, "place and weekday: Moscow on Wednesday")
    ]
    ner_only = [r for r in rules if r.id in ("place-weekday", "person-age")]
    (analysis,) = _analyses(text, ner_only, gating=True)
    parsed = sum(len(chunk.doc.text) for chunk in analysis.parsed)
    assert 0 < parsed < len(analysis.document.text) / 2  # the gate really skipped most of the text
    for chunk in analysis.parsed:  # each chunk is the plain text at its offset, read by NER alone
        assert analysis.document.text[chunk.offset : chunk.end] == chunk.doc.text
        assert chunk.doc.has_annotation("ENT_IOB") and not chunk.doc.has_annotation("DEP")
    (whole,) = _analyses(text, ner_only, gating=False)
    assert [(c.offset, c.doc.text) for c in whole.parsed] == [(0, whole.document.text)]


def test_gated_and_ungated_runs_agree_on_every_seed_variant() -> None:
    """The seed variants exercise every event rule; the gate must not change one finding."""
    spec = yaml.safe_load((REPO / "seeds" / "variants.yaml").read_text(encoding="utf-8"))
    seed = (REPO / "seeds" / spec["seed"]).read_text(encoding="utf-8")
    texts = [seed] + [seed.replace(*variant["replace"]) for variant in spec["variants"]]
    documents = [load_text(text, "seed.txt", ReadOptions()) for text in texts]
    rules = rules_for(None, LintOptions(use_config=False))
    gated = list(lint_documents(documents, [rules] * len(documents), gating=True))
    full = list(lint_documents(documents, [rules] * len(documents), gating=False))
    assert gated == full
    assert sum(len(found) for found in gated) >= 2 * len(texts)  # the real findings at least, in most


def test_cli_no_gating_flag_gives_the_same_report(ner_pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from factlint.shells.cli import main

    outputs = []
    for flags in ([], ["--no-gating"]):
        code = main(["check", str(SEED), "--rules", str(ner_pack), "--format", "json", "--no-cache", "--jobs", "1", *flags])
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    assert '"rule": "place-weekday"' in outputs[0][1]


def test_each_chunk_skips_the_pipes_its_components_do_not_need() -> None:
    trained = load_pipeline(None, frozenset({"tagger", "parser", "ner"}))
    if not trained.trained:
        pytest.skip("no trained English pipeline installed")
    assert sorted(trained.disabled_for(frozenset({"ner"}))) == ["attribute_ruler", "parser", "tagger", "tok2vec"]
    assert trained.disabled_for(frozenset({"tagger", "parser"})) == ["ner"]
    assert trained.disabled_for(frozenset({"tagger", "parser", "ner"})) == []


WINDOW_TEXT = (
    "The first sentence has nothing in it at all. "
    + " ".join(f"a{i}" for i in range(30))
    + " in Moscow on Wednesday "
    + " ".join(f"b{i}" for i in range(20))
    + ". The last sentence has nothing either."
)


def test_ner_only_pattern_matches_are_parsed_in_token_windows(ner_pack: Path) -> None:
    """NER reads 5 tokens either side (en_core_web_sm): "on Wednesday" gets one more than that
    around it, and 8 more before for the name "GPE+" must cover; not its sentence and the one before."""
    trained = load_pipeline(None, frozenset({"ner"}))
    if not trained.trained:
        pytest.skip("no trained English pipeline installed")
    assert trained.ner_reach == 5
    rules = rules_for(None, LintOptions(rule_paths=(ner_pack,), select=("place-weekday",), use_config=False))
    cheap = load_pipeline(None)
    (analysis,) = analyse([load_text(WINDOW_TEXT, "t.txt", ReadOptions())], cheap)
    windowed = build_gate(cheap.nlp.vocab, rules, ner_reach=trained.ner_reach).chunks(analysis)
    expected = " ".join(f"a{i}" for i in range(18, 30)) + " in Moscow on Wednesday " + " ".join(f"b{i}" for i in range(6))
    assert [(WINDOW_TEXT[c.start : c.end], c.components) for c in windowed] == [(expected, frozenset({"ner"}))]
    whole = build_gate(cheap.nlp.vocab, rules).chunks(analysis)  # a model whose reach is unknown
    assert [WINDOW_TEXT[c.start : c.end] for c in whole] == [WINDOW_TEXT[: WINDOW_TEXT.index(". The last") + 1]]
    document = load_text(WINDOW_TEXT, "t.txt", ReadOptions())
    gated = next(lint_documents([document], [rules], gating=True))
    assert gated == next(lint_documents([document], [rules], gating=False))
    assert [(d.rule, d.location.start.column, d.message) for d in gated] == [
        ("place-weekday", WINDOW_TEXT.index("Moscow") + 1, "place and weekday: Moscow on Wednesday")
    ]


def test_windows_widen_to_whole_words_and_merge_when_they_overlap(ner_pack: Path) -> None:
    from factlint.analysis.gate import _token_window

    cheap = load_pipeline(None)
    text = "Crowds (in Lima on Monday) and in Quito on Tuesday; x1 x2 x3 x4 x5 x6 x7 x8 x9 x10 x11 x12."
    (analysis,) = analyse([load_text(text, "t.txt", ReadOptions())], cheap)
    assert [t.text for t in analysis.doc[2:6]] == ["in", "Lima", "on", "Monday"]
    low, high = _token_window(analysis.doc, 2, 6)  # "(in" and "Monday)" are whole words to the tokenizer
    assert text[low:high] == "(in Lima on Monday)"
    rules = rules_for(None, LintOptions(rule_paths=(ner_pack,), select=("place-weekday",), use_config=False))
    chunks = build_gate(cheap.nlp.vocab, rules, ner_reach=1).chunks(analysis)  # 2 tokens of context, 8 before
    assert [text[c.start : c.end] for c in chunks] == ["Crowds (in Lima on Monday) and in Quito on Tuesday; x1"]


def test_ner_reach_is_known_only_for_a_window_cnn_of_its_own() -> None:
    import spacy

    from factlint.nlp.pipeline import ner_reach

    nlp = spacy.blank("en")
    nlp.add_pipe("ner")  # spaCy's default NER: HashEmbedCNN, window 1, depth 4
    assert ner_reach(nlp) == 5
    listening = spacy.blank("en")
    listening.add_pipe("tok2vec")
    listening.add_pipe("ner", config={"model": {"tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 96}}})
    assert ner_reach(listening) is None
    assert ner_reach(spacy.blank("en")) is None


def test_names_from_a_ner_only_rule_do_not_reach_the_event_reader(tmp_path: Path, ner_pack: Path) -> None:
    """Built-in claims come from chunks with a parse and entities, whatever user rules parsed."""
    from factlint.claims.events import _Reader

    text = (
        "Maria Gonzalez, 45, spoke in Lima. Rain fell. Sun shone. Clouds came. "
        "John Smith made his first visit to Russia in 2017. His second visit came in 2019."
    )
    rules = rules_for(None, LintOptions(rule_paths=(ner_pack,), select=("person-age", "ordinal-conflict"), use_config=False))
    (analysis,) = _analyses(text, rules, gating=True)
    ner_only = [c for c in analysis.parsed if not c.doc.has_annotation("DEP")]
    assert [e.text for c in ner_only for e in c.doc.ents if e.label_ == "PERSON"] == ["Maria Gonzalez"]
    names = _Reader(analysis, load_event_lexicon()).discourse.person_names
    assert "Gonzalez" not in names and "Smith" in names


def test_a_window_beside_sentences_parsed_whole_stays_apart_and_one_overlapping_them_joins(ner_pack: Path) -> None:
    """The past-event rule parses "He left on October 9, 2019." whole (tagger, parser): a NER-only
    match in the sentence before is a chunk of its own, so that sentence is parsed as without it;
    a match whose window reaches into it joins it instead (chunks never overlap)."""
    rules = rules_for(
        None,
        LintOptions(rule_paths=(ner_pack,), select=("place-weekday", "past-event-after-publication"), use_config=False),
    )
    cheap = load_pipeline(None)
    gate = build_gate(cheap.nlp.vocab, rules, ner_reach=5)

    def chunks(text: str) -> list[tuple[str, list[str]]]:
        (analysis,) = analyse([load_text(text, "t.txt", ReadOptions(dct=date(2019, 10, 4)))], cheap)
        return [(text[c.start : c.end], sorted(c.components)) for c in gate.chunks(analysis)]

    beside = "Rain fell in Lima on Monday. He left on October 9, 2019. It was cold."
    assert chunks(beside) == [
        ("Rain fell in Lima on Monday.", ["ner"]),
        ("He left on October 9, 2019.", ["parser", "tagger"]),
    ]
    overlapping = "He left on October 9, 2019. Rain fell in Lima on Monday. It was cold."
    assert chunks(overlapping) == [("He left on October 9, 2019. Rain fell in Lima on Monday.", ["ner", "parser", "tagger"])]
