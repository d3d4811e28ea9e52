"""The seed and its deliberate variants (seeds/variants.yaml): exact findings, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factlint.engine.api import lint_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SPEC = yaml.safe_load((SEEDS / "variants.yaml").read_text(encoding="utf-8"))
SEED_TEXT = (SEEDS / SPEC["seed"]).read_text(encoding="utf-8")


def findings(text: str) -> list[dict[str, object]]:
    return [
        {"rule": d.rule, "line": d.location.start.line, "column": d.location.start.column} for d in lint_text(text, "seed.txt")
    ]


def test_real_seed_has_exactly_its_real_findings() -> None:
    assert findings(SEED_TEXT) == SPEC["real_findings"]


@pytest.mark.parametrize("variant", SPEC["variants"], ids=[v["name"] for v in SPEC["variants"]])
def test_variant(variant: dict) -> None:
    old, new = variant["replace"]
    assert SEED_TEXT.count(old) == 1, f"{variant['name']}: the edit must apply exactly once"
    assert findings(SEED_TEXT.replace(old, new)) == variant["expect"]


def test_seed_event_day_message_related_and_reading() -> None:
    found = [d for d in lint_text(SEED_TEXT, "seed.txt") if d.rule == "event-day-mismatch"]
    assert len(found) == 1
    diagnostic = found[0]
    assert diagnostic.message == 'October 3 is day 3 of the visit that began October 1 ("Wednesday, October 1"), not day 2'
    assert diagnostic.quoted == "the second day"
    assert (diagnostic.location.end.line, diagnostic.location.end.column) == (3, 150)
    [related] = diagnostic.related
    assert (related.location.start.line, related.location.start.column) == (19, 37)
    assert related.label == "the visit began here"
    assert diagnostic.note == 'if the start was "Wednesday, October 2", as its weekday says, both hold'
    assert [s.label for s in diagnostic.suggestions] == ["the third day"]
