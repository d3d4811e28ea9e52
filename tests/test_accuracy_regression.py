"""A fixed slice of benchmarks/accuracy.py in the normal suite: detection may not get worse.

100 injected calendar errors (20 per operator, fixed seed) and 100 clean documents from
../shared/corpora; skipped when the corpora are absent. Thresholds sit just under the
figures the full benchmark measured (weekday-mismatch precision and recall 1.000,
impossible-date recall 0.999, 0 false errors per 100 clean documents).
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora" / "index"

pytestmark = pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is absent")


@pytest.fixture(scope="module")
def accuracy():
    spec = importlib.util.spec_from_file_location("factlint_accuracy", ROOT / "benchmarks" / "accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def docs(accuracy):
    return accuracy.load_docs(CORPORA)


def test_injected_errors_slice(accuracy, docs) -> None:
    by_operator: dict[str, list] = {}
    for case in accuracy.all_cases(docs):
        by_operator.setdefault(case.operator, []).append(case)
    rng = random.Random(accuracy.SEED)
    cases = [c for name in sorted(by_operator) for c in rng.sample(by_operator[name], min(20, len(by_operator[name])))]
    assert len(cases) == 100 and len(by_operator) == 5
    scores = accuracy.score(cases)
    weekday, impossible = scores["all weekday-mismatch"], scores["all impossible-date"]
    assert (weekday.cases, impossible.cases) == (80, 20)
    assert weekday.recall >= 0.98 and weekday.precision >= 0.99, accuracy.score_table(scores)
    assert impossible.recall >= 0.95 and impossible.precision >= 0.99, accuracy.score_table(scores)
    assert scores["gold-weekday-right"].fp == 0 and scores["explicit-weekday-right"].fp == 0


def test_clean_documents_slice(accuracy, docs) -> None:
    sample = random.Random(accuracy.SEED).sample(docs, 100)
    result = accuracy.false_alarms(sample)
    assert result.false_errors() == [], result.table()


def test_modern_news_every_genuine_error_and_no_false_one() -> None:
    """Today's web pages (../shared/corpora/modern-news): the 4 genuine weekday errors and the
    2 "Second Saturday"s found, no false error, no warning of a trained rule."""
    corpus = ROOT.parent / "shared" / "corpora" / "modern-news"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is absent")
    spec = importlib.util.spec_from_file_location("factlint_modern_news", ROOT / "benchmarks" / "modern_news.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    result = module.measure()
    assert (len(result.found), result.missed, result.false_errors) == (6, [], []), module.report(result)
    assert result.trained_warnings() == [], module.report(result)
    assert result.read >= 190, module.report(result)
