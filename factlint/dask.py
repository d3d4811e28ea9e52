"""factlint on Dask (`pip install 'factlint[dask]'`): bags and dataframes of articles.

    from dask.distributed import Client
    import dask.bag as db
    from factlint import Linter
    from factlint.dask import lint_bag, local_cluster, warm_workers

    client = Client(local_cluster(2))     # two one-thread worker processes, Dask kept quiet
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

`local_cluster` starts such workers with `QUIET_CONFIG`: Dask's own upkeep (the statistical
profiler that samples every worker's stack every 10 ms, the event-loop tick every 20 ms, the
system monitor every 500 ms) takes the GIL from the one thread that checks and, with every
core a worker, the cores from the workers. benchmarks/archive.py weighs it: two workers
with Dask's defaults against `local_cluster(2)` (benchmarks/reports/archive.md). The same
settings serve workers started by hand (see the README's "Checking an archive").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
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
    from distributed import Client, LocalCluster

__all__ = ["QUIET_CONFIG", "WarmLinter", "connect", "lint_bag", "lint_dataframe", "local_cluster", "warm_workers"]

QUIET_CONFIG: Mapping[str, Any] = MappingProxyType(
    {
        # The profiler feeds the dashboard's profile page: a batch run has no dashboard, and the
        # sampling holds the GIL the checking thread needs (Dask's own test clusters turn it off).
        "distributed.worker.profile.enabled": False,
        # How late the event loop is, measured to warn of a blocked loop (Dask's tests: 500 ms).
        "distributed.admin.tick.interval": "500ms",
        # CPU, memory and network figures for the dashboard and the heartbeat; disk I/O for the
        # dashboard only. The memory manager (pause, spill, restart) keeps its own 100 ms monitor.
        "distributed.admin.system-monitor.interval": "2s",
        "distributed.admin.system-monitor.disk": False,
    }
)


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


def local_cluster(workers: int, **options: Any) -> LocalCluster:
    """A LocalCluster of `workers` one-thread worker processes on this machine, without a
    dashboard, configured with `QUIET_CONFIG` (the workers take it when they start; the
    caller's own Dask configuration is not changed). `options` go to LocalCluster."""
    import dask.config
    from distributed import LocalCluster

    if options.get("asynchronous"):
        raise ConfigError(
            "local_cluster starts its workers now; for an asynchronous cluster, create it inside dask.config.set(QUIET_CONFIG)"
        )
    settings: dict[str, Any] = {"n_workers": workers, "threads_per_worker": 1, "processes": True, "dashboard_address": None}
    with dask.config.set(dict(QUIET_CONFIG)):
        return LocalCluster(**{**settings, **options})


def connect(scheduler: str) -> tuple[Client, int, Callable[[], None]]:
    """`--scheduler`: `tcp://host:port` (a running cluster) or `local:N` (`local_cluster(N)`,
    started here and closed at the end). The client, its worker
    count, and how to close what was started."""
    from distributed import Client

    if scheduler.startswith("local:"):
        count = scheduler.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise ConfigError(f"--scheduler {scheduler!r}: local:N needs a positive number of workers")
        cluster = local_cluster(int(count))
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
