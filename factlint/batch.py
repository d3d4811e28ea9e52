"""Records in, records out: factlint over an archive of articles, without files.

`lint_records` takes any iterable of records (`{id, text, date?, markup?, language?,
country?}`: JSON lines, database rows, dataframe rows) and yields plain dicts: each
diagnostic as the JSON report's object (factlint/schemas/output.schema.json) with the
record's `id` first, and for a record that cannot be checked an error record
`{"id", "record"|"line", "error"}` naming where it was; the run goes on. Records are checked
`BATCH_SIZE` at a time through one batched NLP stream, so memory holds one batch whatever
the archive's size.

`lint_partition` is the unit every engine runs (a Dask partition, a Spark partition, a
chunk of `factlint check --input`): with an output folder it writes the partition's results
to a file named by a hash of its records, the rule set and everything else the results
depend on (the idea of the results cache), and a rerun after a crash reads the finished
partitions instead of checking them again.

`check_json_lines` is `factlint check --input`: JSON lines in, JSON lines out, streamed in
input order, on this process, a process pool (--jobs) or a Dask cluster (--scheduler).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from factlint.core.diagnostics import Diagnostic, Severity
from factlint.core.errors import SourceError
from factlint.engine.cache import code_fingerprint, model_identity, rules_fingerprint
from factlint.engine.linter import BATCH_SIZE, Linter, Record, RecordError
from factlint.engine.parallel import can_fork, worker_pool

if TYPE_CHECKING:
    import pandas

__all__ = [
    "DIAGNOSTIC_COLUMNS",
    "LineSummary",
    "check_json_lines",
    "findings_frame",
    "flatten",
    "lint_partition",
    "lint_records",
    "partition_key",
    "rows_of",
]

# The flat form of an output record, one column each (dataframes): `json` holds the whole object.
DIAGNOSTIC_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "string"),
    ("rule", "string"),
    ("severity", "string"),
    ("message", "string"),
    ("line", "int64"),
    ("column", "int64"),
    ("end_line", "int64"),
    ("end_column", "int64"),
    ("text", "string"),
    ("note", "string"),
    ("error", "string"),
    ("json", "string"),
)


def output_record(record_id: str, diagnostic: Diagnostic) -> dict[str, Any]:
    """A diagnostic as the JSON report gives it, with the record's id first."""
    return {"id": record_id, **diagnostic.to_dict()}


def flatten(item: Mapping[str, Any]) -> dict[str, Any]:
    """An output record (diagnostic or error) as one row of DIAGNOSTIC_COLUMNS."""
    start, end = item.get("start") or {}, item.get("end") or {}
    return {
        "id": None if item.get("id") is None else str(item["id"]),
        "rule": item.get("rule"),
        "severity": item.get("severity"),
        "message": item.get("message"),
        "line": start.get("line", 0),
        "column": start.get("column", 0),
        "end_line": end.get("line", 0),
        "end_column": end.get("column", 0),
        "text": item.get("text"),
        "note": item.get("note"),
        "error": item.get("error"),
        "json": json.dumps(item, ensure_ascii=False, separators=(",", ":")),
    }


def _empty_frame() -> pandas.DataFrame:
    import pandas as pd

    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in DIAGNOSTIC_COLUMNS})


def rows_of(frame: pandas.DataFrame, columns: dict[str, str]) -> Iterator[dict[str, Any]]:
    """A pandas frame's rows as records (missing values as absent)."""
    import pandas as pd

    picked = frame[list(columns.values())]
    for values in picked.itertuples(index=False, name=None):
        yield {key: (None if _missing(value, pd) else value) for key, value in zip(columns, values, strict=True)}


def _missing(value: Any, pd: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def findings_frame(items: list[dict[str, Any]]) -> pandas.DataFrame:
    """Output records as a pandas frame with DIAGNOSTIC_COLUMNS' columns and types."""
    import pandas as pd

    if not items:
        return _empty_frame()
    frame = pd.DataFrame([flatten(item) for item in items], columns=[name for name, _ in DIAGNOSTIC_COLUMNS])
    return frame.astype(dict(DIAGNOSTIC_COLUMNS))


@dataclass(frozen=True)
class _Unreadable:
    """A line that is not a JSON object: kept in the stream so its error record keeps its place."""

    message: str
    record_id: str | None = None


def lint_records(
    records: Iterable[Record | Mapping[str, Any]], linter: Linter | None = None, batch_size: int = BATCH_SIZE
) -> Iterator[dict[str, Any]]:
    """Every record's diagnostics as plain dicts (see the module's docstring), in input order;
    a malformed record gives an error record naming its position and id, and the run goes on."""
    return _lint(((number, item, f"record {number}") for number, item in enumerate(records, 1)), linter, batch_size, "record")


def _lint(
    items: Iterable[tuple[int, Any, str]], linter: Linter | None, batch_size: int, position: str
) -> Iterator[dict[str, Any]]:
    """(position, record or unreadable, where) -> output records. Errors wait for the batch
    they fall in, so the output keeps the input's order."""
    linter = linter or Linter()
    pending: list[tuple[int, Record | dict[str, Any]]] = []
    waiting = 0

    def flush() -> Iterator[dict[str, Any]]:
        checkable = [item for _n, item in pending if isinstance(item, Record)]
        results = iter(linter.check_many(checkable, batch_size=max(1, len(checkable))) if checkable else ())
        for _number, item in pending:
            if isinstance(item, Record):
                for diagnostic in next(results):
                    yield output_record(item.id, diagnostic)
            else:
                yield item

    for number, item, where in items:
        try:
            if isinstance(item, _Unreadable):
                raise RecordError(item.message)
            record = Record.of(item, where)
            linter.validate(record, where)
            pending.append((number, record))
            waiting += 1
        except RecordError as error:
            record_id = item.record_id if isinstance(item, _Unreadable) else _raw_id(item)
            pending.append((number, {"id": record_id, position: number, "error": str(error)}))
        if waiting >= batch_size:
            yield from flush()
            pending, waiting = [], 0
    if pending:
        yield from flush()


def _raw_id(item: Any) -> str | None:
    raw = item.get("id") if isinstance(item, Mapping) else getattr(item, "id", None)
    return None if raw is None or isinstance(raw, (dict, list)) else str(raw)


def read_json_lines(lines: Iterable[tuple[int, str]], name: str) -> Iterator[tuple[int, Any, str]]:
    """Numbered lines of a JSON-lines file as `_lint` items; blank lines are skipped."""
    for number, line in lines:
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            data = json.loads(line)
        except ValueError as error:
            yield number, _Unreadable(f"{where}: not a JSON object ({error})"), where
            continue
        if not isinstance(data, dict):
            yield number, _Unreadable(f"{where}: not a JSON object with an id and a text (got {type(data).__name__})"), where
            continue
        yield number, data, where


# -- partitions: the unit of work, resumable -------------------------------------------------


def partition_key(records: Sequence[Any], linter: Linter, label: str = "") -> str:
    """What a partition's results depend on: its records, the rule set (ids, severities,
    messages, parameters, their files' contents), the linter's settings, factlint's code and
    the model's version."""
    digest = hashlib.sha256()
    for part in (
        code_fingerprint(),
        model_identity(linter.model),
        rules_fingerprint(linter.enabled_rules),
        repr(linter.__getstate__()),
        label,
    ):
        digest.update(part.encode("utf-8") + b"\0")
    for record in records:
        digest.update(json.dumps(_plain(record), sort_keys=True, default=str, ensure_ascii=False).encode("utf-8") + b"\n")
    return digest.hexdigest()[:32]


def _plain(record: Any) -> Any:
    if isinstance(record, Record):
        return record.__dict__
    if isinstance(record, Mapping):
        return dict(record)
    return record


def lint_partition(
    records: Iterable[Record | Mapping[str, Any]], linter: Linter | None = None, out_dir: str | Path | None = None
) -> list[dict[str, Any]]:
    """One partition's output records. With `out_dir`, they are also written to
    `out_dir/<partition_key>.jsonl`, and a partition whose file is there is read, not checked:
    rerun a job that stopped and it resumes where it stopped."""
    linter = linter or Linter()
    items = list(records)
    return _resumable(lambda: list(lint_records(items, linter)), lambda: partition_key(items, linter), out_dir)


def _resumable(
    compute: Callable[[], list[dict[str, Any]]], key: Callable[[], str], out_dir: str | Path | None
) -> list[dict[str, Any]]:
    if out_dir is None:
        return compute()
    path = Path(out_dir) / f"{key()}.jsonl"
    try:
        with open(path, encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    except FileNotFoundError:
        pass
    except (OSError, ValueError):
        pass  # a damaged partition file is checked again and replaced
    results = compute()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write temp + rename: a partition file exists only when it is complete.
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False) as handle:
        for item in results:
            handle.write(_line(item))
    os.replace(handle.name, path)
    return results


def _line(item: Mapping[str, Any]) -> str:
    return json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n"


# -- factlint check --input ----------------------------------------------------------------

CHUNK_LINES = 128  # lines per task: a worker's batched stream (factlint.engine.parallel.MAX_CHUNK)


def check_chunk(linter: Linter, name: str, lines: Sequence[tuple[int, str]], out_dir: str | None = None) -> list[dict[str, Any]]:
    """One chunk of a JSON-lines input, checked where it is sent (this process, a pool worker,
    a Dask worker); resumable as a partition is."""
    label = f"{name}:{lines[0][0] if lines else 0}"
    return _resumable(
        lambda: list(_lint(read_json_lines(lines, name), linter, BATCH_SIZE, "line")),
        lambda: partition_key([line for _n, line in lines], linter, label),
        out_dir,
    )


@dataclass
class LineSummary:
    """What a `--input` run found: the exit code's inputs."""

    records: int = 0  # non-blank input lines
    diagnostics: int = 0
    errors: int = 0
    failing: bool = False  # a diagnostic at or above the fail level


Submit = Callable[..., "Future[list[dict[str, Any]]]"]


def check_json_lines(
    stream: Iterable[str],
    name: str,
    linter: Linter,
    out: TextIO,
    jobs: int = 1,
    submit: Submit | None = None,
    workers: int = 1,
    out_dir: str | Path | None = None,
    errors: TextIO | None = None,
) -> LineSummary:
    """`factlint check --input`: JSON lines from `stream` (named `name` in error records),
    output records to `out` in input order, `CHUNK_LINES` lines a task. `submit` (a Dask
    client's) sends tasks to `workers` workers; else `jobs` processes (1: this one). At most
    two tasks per worker are in flight, so memory stays bounded on any input size. Error
    records also go to `errors` (standard error) as messages."""
    summary = LineSummary()
    level = linter.fail_level
    directory = None if out_dir is None else str(out_dir)
    numbered = enumerate((line.rstrip("\n") for line in stream), 1)
    chunks = iter(lambda: list(islice(numbered, CHUNK_LINES)), [])
    first = next(chunks, [])
    second = next(chunks, []) if first else []

    def every() -> Iterator[list[tuple[int, str]]]:
        for chunk in (first, second):
            if chunk:
                yield chunk
        yield from chunks

    def emit(batch: list[dict[str, Any]]) -> None:
        for item in batch:
            out.write(_line(item))
            if "error" in item:
                summary.errors += 1
                if errors is not None:
                    print(f"factlint: error: {item['error']}", file=errors)
            else:
                summary.diagnostics += 1
                summary.failing = summary.failing or _severity_at_least(item["severity"], level)
        out.flush()

    def count(chunk: list[tuple[int, str]]) -> list[tuple[int, str]]:
        summary.records += sum(1 for _n, line in chunk if line.strip())
        return chunk

    if submit is not None:
        results = _ordered((submit(check_chunk, linter, name, count(c), directory) for c in every()), 2 * max(1, workers))
    elif jobs > 1 and second:  # one chunk costs less in this process than a worker's model load
        pool = _record_pool(linter, jobs)
        results = _pooled(pool, (pool.submit(check_chunk, linter, name, count(c), directory) for c in every()), 2 * jobs)
    else:
        results = (check_chunk(linter, name, count(c), directory) for c in every())
    for batch in results:
        emit(batch)
    return summary


def _record_pool(linter: Linter, jobs: int) -> ProcessPoolExecutor:
    """The worker processes of `--input --jobs N`, set up as `check DIR --jobs N` sets up its
    own (factlint.engine.parallel.worker_pool): forked after this process has warmed the
    linter where the platform forks, so that they inherit the loaded model rather than each
    loading it, and ended with their parent (they lived on with parent PID 1, checking for
    nobody)."""
    forked = can_fork()
    if forked:
        linter.warm()
    return worker_pool(jobs, forked)


def _pooled(pool: Any, futures: Iterator[Future[list[dict[str, Any]]]], window: int) -> Iterator[list[dict[str, Any]]]:
    with pool:
        yield from _ordered(futures, window)


def _ordered(futures: Iterator[Any], window: int) -> Iterator[list[dict[str, Any]]]:
    """Results of lazily submitted futures in submission order, at most `window` in flight."""
    in_flight: deque[Any] = deque()
    for future in futures:
        in_flight.append(future)
        if len(in_flight) >= window:
            yield in_flight.popleft().result()
    while in_flight:
        yield in_flight.popleft().result()


def _severity_at_least(name: str, level: Severity) -> bool:
    return Severity.parse(name) >= level


def open_input(path: str, stdin: TextIO) -> tuple[Iterable[str], str, Callable[[], None]]:
    """The lines of `--input PATH` (`-`: standard input), their name in error records, and
    how to close them; a file that cannot be opened is a usage error (exit 2)."""
    if path == "-":
        return stdin, "<stdin>", lambda: None
    try:
        handle = open(path, encoding="utf-8", errors="replace")  # noqa: SIM115 (closed by the caller, after streaming)
    except OSError as error:
        raise SourceError(f"{path}: cannot read: {error.strerror or error}") from None
    return handle, path, handle.close
