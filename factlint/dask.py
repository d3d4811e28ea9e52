"""factlint on Dask (`pip install 'factlint[dask]'`): bags and dataframes of articles.

    from dask.distributed import Client, LocalCluster
    import dask.bag as db
    from factlint import Linter
    from factlint.dask import lint_bag, warm_workers

    client = Client(LocalCluster(n_workers=2, threads_per_worker=1))
    linter = Linter()
    warm_workers(client, linter)          # each worker loads the model once, now
    records = db.read_text("archive/*.jsonl").map(json.loads)
    findings = lint_bag(records, linter).compute()

Each partition is checked by `factlint.batch.lint_partition` (one batched NLP stream, the
output records of `factlint.batch.lint_records`); the Linter travels as its settings, and a
worker process loads the models once (a worker plugin does it before the first task).
Give `out_dir` (a folder every worker can reach) to make a run resumable.

A worker should run one thread (`threads_per_worker=1`): spaCy holds the GIL for most of a
parse, so two threads in a worker share one core's worth of work and double its memory.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError as error:  # pragma: no cover - depends on the installed extras
    raise ImportError(f"factlint.dask needs Dask's distributed scheduler: pip install 'factlint[dask]' ({error})") from None

from factlint.batch import findings_frame, lint_partition, rows_of
from factlint.core.errors import ConfigError
from factlint.engine.linter import Linter

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas
    from distributed import Client

__all__ = ["WarmLinter", "connect", "lint_bag", "lint_dataframe", "warm_workers"]


class WarmLinter(WorkerPlugin):
    """Loads a linter's models on every worker as it joins (and on those already there), so
    no task pays for the load and a worker never loads them twice."""

    name = "factlint-warm-linter"

    def __init__(self, linter: Linter) -> None:
        self.linter = linter

    def setup(self, worker: Any) -> None:
        self.linter.warm()


def warm_workers(client: Client, linter: Linter | None = None) -> None:
    """Register `WarmLinter` with the cluster (Dask runs it on every current and future worker)."""
    client.register_plugin(WarmLinter(linter or Linter()))


def lint_bag(bag: dask.bag.Bag, linter: Linter | None = None, out_dir: str | Path | None = None) -> dask.bag.Bag:
    """A bag of records (`{id, text, date?, markup?, country?, language?}` dicts) to a bag of
    output records (diagnostics with their record's id, and error records), a partition a task."""
    linter = linter or Linter()
    return bag.map_partitions(_partition, linter, None if out_dir is None else str(out_dir))


def _partition(records: Any, linter: Linter, out_dir: str | None) -> list[dict[str, Any]]:
    return lint_partition(records, linter, out_dir)


def lint_dataframe(
    frame: dask.dataframe.DataFrame,
    linter: Linter | None = None,
    *,
    text: str = "text",
    id: str = "id",
    date: str | None = "date",
    markup: str | None = None,
    country: str | None = None,
    out_dir: str | Path | None = None,
) -> dask.dataframe.DataFrame:
    """A dataframe of articles (a text column, an id column, optionally date, markup and
    country columns) to a dataframe of findings, one row per diagnostic or error record, with
    the columns of `factlint.batch.DIAGNOSTIC_COLUMNS` (`json` holds the whole output record)."""
    linter = linter or Linter()
    columns = {"id": id, "text": text, "date": date, "markup": markup, "country": country}
    for key, column in columns.items():
        if column is not None and column not in frame.columns and key in ("id", "text"):
            raise ConfigError(f"no column {column!r} in the dataframe (its columns: {', '.join(map(str, frame.columns))})")
    present = {key: column for key, column in columns.items() if column is not None and column in frame.columns}
    directory = None if out_dir is None else str(out_dir)
    return frame.map_partitions(_frame_partition, linter, present, directory, meta=findings_frame([]))


def _frame_partition(frame: pandas.DataFrame, linter: Linter, columns: dict[str, str], out_dir: str | None) -> pandas.DataFrame:
    return findings_frame(lint_partition(rows_of(frame, columns), linter, out_dir))


def connect(scheduler: str) -> tuple[Client, int, Callable[[], None]]:
    """`--scheduler`: `tcp://host:port` (a running cluster) or `local:N` (a LocalCluster of N
    one-thread worker processes, started here and closed at the end). The client, its worker
    count, and how to close what was started."""
    from distributed import Client, LocalCluster

    if scheduler.startswith("local:"):
        count = scheduler.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise ConfigError(f"--scheduler {scheduler!r}: local:N needs a positive number of workers")
        cluster = LocalCluster(n_workers=int(count), threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)

        def close() -> None:
            client.close()
            cluster.close()

        return client, int(count), close
    if "://" not in scheduler:
        raise ConfigError(f"--scheduler {scheduler!r}: give a scheduler address (tcp://host:8786) or local:N")
    try:
        client = Client(scheduler, timeout="30s")
    except OSError as error:
        raise ConfigError(f"--scheduler {scheduler}: cannot connect: {error}") from None
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    return client, workers, client.close
