"""factlint on a real Spark session, `local[2]`: RDD partitions and DataFrame Arrow batches.

Both must report exactly what `factlint check` reports on the same texts as files
(tests/conftest.py), and an executor's Python worker must load the model once, however many
partitions it runs. Skipped, saying why, without pyspark or a Java runtime.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed: pip install 'factlint[spark]'")
pytest.importorskip("pyarrow", reason="pyarrow is not installed (mapInPandas needs it): pip install 'factlint[spark]'")


def _java() -> str | None:
    """Why Spark cannot start here, or None: it needs a Java runtime, 17 or later."""
    java = shutil.which("java", path=os.path.join(os.environ["JAVA_HOME"], "bin") if os.environ.get("JAVA_HOME") else None)
    if java is None:
        return "no Java runtime (install openjdk-17-jre-headless or set JAVA_HOME)"
    try:
        probe = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"java -version failed: {error}"
    return None if probe.returncode == 0 else f"java -version failed: {probe.stderr.strip()}"


if (_reason := _java()) is not None:
    pytest.skip(_reason, allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402

from factlint import Linter  # noqa: E402
from factlint.spark import lint_rdd, lint_spark_dataframe  # noqa: E402
from tests.conftest import in_order  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable  # executors run this virtual environment's Python
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("factlint-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_rdd_partitions_give_what_check_gives_on_files(spark, records, expected_findings) -> None:
    rdd = spark.sparkContext.parallelize(records, 6)
    assert in_order(lint_rdd(rdd, Linter()).collect()) == expected_findings


def test_a_dataframe_gives_what_check_gives_on_files(spark, records, expected_findings) -> None:
    rows = [(r["id"], r["text"], r.get("date"), r.get("markup")) for r in records]
    frame = spark.createDataFrame(rows, "id string, text string, date string, markup string").repartition(4)
    findings = lint_spark_dataframe(frame, Linter(), markup="markup").collect()
    assert in_order(json.loads(row["json"]) for row in findings) == expected_findings
    seed = sorted((row["rule"], row["line"], row["column"]) for row in findings if row["id"] == "seed")
    assert seed == [("event-day-mismatch", 3, 136), ("weekday-mismatch", 19, 58)]


def _loads_around(linter, items):
    """Lint one partition and say, from the Python worker that ran it, how many pipelines
    that process had loaded before and after (factlint.nlp.pipeline.load_pipeline's cache)."""
    from factlint.batch import lint_partition
    from factlint.nlp.pipeline import load_pipeline

    before = load_pipeline.cache_info().misses
    linter.warm()
    lint_partition(list(items), linter)
    yield (os.getpid(), before, load_pipeline.cache_info().misses)


def test_a_python_worker_loads_the_model_once_for_all_its_partitions(spark, records) -> None:
    from functools import partial

    from pyspark import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test module
    linter = Linter()
    seen = spark.sparkContext.parallelize(records[-48:], 12).mapPartitions(partial(_loads_around, linter)).collect()
    by_worker: dict[int, list[tuple[int, int]]] = {}
    for pid, before, after in seen:
        by_worker.setdefault(pid, []).append((before, after))
    assert len(seen) == 12 and len(by_worker) < 12  # Spark reused its Python workers
    for loads in by_worker.values():
        assert len({after for _before, after in loads}) == 1 and loads[0][1] >= 1
        assert sum(before != after for before, after in loads) <= 1  # loaded in one partition at most, kept for the rest


def test_the_readme_spark_example_shows_the_seed_s_findings(spark, archive_folder, capsys) -> None:
    from tests.conftest import readme_archive_blocks

    # getOrCreate gives this module's session, whose JVM was started in another folder: the
    # example's relative path is made absolute, as the JVM of a session started here would read it.
    example = readme_archive_blocks("python")[2].replace('"records.jsonl"', repr(str(archive_folder / "records.jsonl")))
    exec(example, {"__name__": "__main__"})
    rows = [line.split("|")[1:-1] for line in capsys.readouterr().out.splitlines() if line.startswith("|")]
    assert [[cell.strip() for cell in row] for row in rows] == [
        ["id", "line", "column", "rule"],
        ["rappler-1", "3", "136", "event-day-mismatch"],
        ["rappler-1", "19", "58", "weekday-mismatch"],
    ]
