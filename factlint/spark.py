"""factlint on Apache Spark (`pip install 'factlint[spark]'`): RDDs and DataFrames of articles.

    from pyspark.sql import SparkSession
    from factlint import Linter
    from factlint.spark import lint_spark_dataframe

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    articles = spark.read.json("archive/*.jsonl")          # columns id, text, date
    findings = lint_spark_dataframe(articles, Linter())     # one row per diagnostic
    findings.write.parquet("findings.parquet")

`lint_rdd` maps an RDD's partitions (`mapPartitions`) and `lint_spark_dataframe` a
DataFrame's Arrow batches (`mapInPandas`) through `factlint.batch.lint_partition`. The Linter
travels as its settings; an executor's Python worker loads the models once, on its first
batch, and keeps them for every later task, since Spark reuses its Python workers
(`spark.python.worker.reuse`, on by default; turned off, every task would load them again).

This module imports pyspark only for the DataFrame schema; the functions Spark runs on the
executors need only factlint.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factlint.batch import DIAGNOSTIC_COLUMNS, findings_frame, lint_partition, rows_of
from factlint.core.errors import ConfigError
from factlint.engine.linter import Linter

if TYPE_CHECKING:
    import pandas
    from pyspark import RDD
    from pyspark.sql import DataFrame

__all__ = ["SCHEMA", "lint_rdd", "lint_spark_dataframe"]

_SPARK_TYPES = {"string": "string", "int64": "bigint"}
# The output DataFrame's schema, in Spark's DDL: the columns of factlint.batch.DIAGNOSTIC_COLUMNS.
SCHEMA = ", ".join(f"{name} {_SPARK_TYPES[kind]}" for name, kind in DIAGNOSTIC_COLUMNS)


def _as_record(item: Any) -> Any:
    return item.asDict() if hasattr(item, "asDict") else item  # a pyspark Row


def _rdd_partition(linter: Linter, out_dir: str | None, items: Iterable[Any]) -> Iterator[dict[str, Any]]:
    linter.warm()
    yield from lint_partition((_as_record(item) for item in items), linter, out_dir)


def lint_rdd(rdd: RDD[Any], linter: Linter | None = None, out_dir: str | Path | None = None) -> RDD[dict[str, Any]]:
    """An RDD of records (dicts or Rows with id, text, date?, ...) to an RDD of output records
    (`factlint.batch.lint_records`'s dicts), a partition a batched stream."""
    return rdd.mapPartitions(partial(_rdd_partition, linter or Linter(), None if out_dir is None else str(out_dir)))


def _pandas_batches(
    linter: Linter, columns: dict[str, str], out_dir: str | None, batches: Iterable[pandas.DataFrame]
) -> Iterator[pandas.DataFrame]:
    linter.warm()
    for batch in batches:
        frame = findings_frame(lint_partition(rows_of(batch, columns), linter, out_dir))
        yield frame.astype({name: ("object" if kind == "string" else kind) for name, kind in DIAGNOSTIC_COLUMNS})


def lint_spark_dataframe(
    frame: DataFrame,
    linter: Linter | None = None,
    *,
    text: str = "text",
    id: str = "id",
    date: str | None = "date",
    markup: str | None = None,
    country: str | None = None,
    out_dir: str | Path | None = None,
) -> DataFrame:
    """A DataFrame of articles to a DataFrame of findings (`SCHEMA`: one row per diagnostic
    or error record), through `mapInPandas`. Arrow batches hold
    `spark.sql.execution.arrow.maxRecordsPerBatch` rows (10,000 by default): lower it for long
    articles, since a batch is what a Python worker holds in memory."""
    for column in (id, text):
        if column not in frame.columns:
            raise ConfigError(f"no column {column!r} in the DataFrame (its columns: {', '.join(frame.columns)})")
    wanted = {"id": id, "text": text, "date": date, "markup": markup, "country": country}
    columns = {key: column for key, column in wanted.items() if column is not None and column in frame.columns}
    directory = None if out_dir is None else str(out_dir)
    return frame.mapInPandas(partial(_pandas_batches, linter or Linter(), columns, directory), SCHEMA)
