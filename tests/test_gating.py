"""The gate: trained components read only the sentences a rule may need, and lose nothing."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from factlint.analysis import analyse
from factlint.gating import Gate, build_gate, load_triggers, relax
from factlint.linter import LintOptions, lint_documents, rules_for
from factlint.nlp import load_pipeline
from factlint.sources import ReadOptions, load_text
from tests.conftest import SEED

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
    assert build_gate(load_pipeline(None).nlp.vocab, rules).matcher is None


def test_lexicon_triggers_are_read_from_every_lexicon(tmp_path: Path) -> None:
    (tmp_path / "patterns").mkdir()
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "patterns" / "triggers.yaml").write_text("triggers:\n  number:\n    - [{LIKE_NUM: true}]\n", encoding="utf-8")
    (tmp_path / "lexicons" / "sport.yaml").write_text("triggers: [match, Grand Prix]\nother: [x]\n", encoding="utf-8")
    (tmp_path / "lexicons" / "plain.yaml").write_text("words: [a]\n", encoding="utf-8")
    found = load_triggers(tmp_path)
    assert found == {
        "number": ([{"LIKE_NUM": True}],),
        "lexicon-sport": ([{"LOWER": "match"}], [{"LOWER": "grand"}, {"LOWER": "prix"}]),
    }


def test_builtin_triggers_include_the_events_lexicon() -> None:
    names = set(load_triggers())
    assert {"weekday", "month", "number", "ordinal"} <= names
    if (Path(__file__).parent.parent / "rules" / "lexicons" / "events.yaml").exists():
        assert "lexicon-events" in names


def test_chunks_are_triggered_sentences_with_the_one_before_merged() -> None:
    from spacy.matcher import Matcher

    cheap = load_pipeline(None)
    matcher = Matcher(cheap.nlp.vocab)
    matcher.add("t", [[{"LOWER": "tuesday"}]])
    text = "Alpha one. Beta two. Gamma on Tuesday. Delta four. Epsilon five. Zeta six. He left Tuesday. Eta eight."
    doc = cheap.nlp(text)
    chunks = Gate(matcher).chunks(doc)
    assert [text[s:e] for s, e in chunks] == ["Beta two. Gamma on Tuesday.", "Zeta six. He left Tuesday."]
    assert Gate(None).chunks(doc) == [(0, len(text))]
    assert Gate(matcher).chunks(cheap.nlp("  \n")) == []


def _analyses(text: str, rules: list, gating: bool) -> list:
    cheap = load_pipeline(None)
    trained = load_pipeline(None, frozenset({"ner"}))
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
    for chunk in analysis.parsed:  # each chunk is the plain text at its offset
        assert analysis.document.text[chunk.offset : chunk.end] == chunk.doc.text
    (whole,) = _analyses(text, ner_only, gating=False)
    assert [(c.offset, c.doc.text) for c in whole.parsed] == [(0, whole.document.text)]


def test_cli_no_gating_flag_gives_the_same_report(ner_pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from factlint.cli import main

    outputs = []
    for flags in ([], ["--no-gating"]):
        code = main(["check", str(SEED), "--rules", str(ner_pack), "--format", "json", "--no-cache", "--jobs", "1", *flags])
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    assert '"rule": "place-weekday"' in outputs[0][1]
