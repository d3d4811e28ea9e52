"""factlint on a real Dask cluster: a LocalCluster of two worker processes, one thread each.

Bags, dataframes and `check --input --scheduler` must report exactly what `factlint check`
reports on the same texts as files (tests/conftest.py), and the worker plugin must load the
model on each worker before any task, never again after.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="Dask is not installed: pip install 'factlint[dask]'")
dd = pytest.importorskip("dask.dataframe", reason="dask.dataframe needs pandas: pip install 'factlint[dask]'")

import dask.bag as db  # noqa: E402
import dask.config  # noqa: E402
import pandas as pd  # noqa: E402
from distributed import Client  # noqa: E402

from factlint import Linter  # noqa: E402
from factlint.core.errors import ConfigError  # noqa: E402
from factlint.dask import QUIET_CONFIG, connect, lint_bag, lint_dataframe, local_cluster, warm_workers  # noqa: E402
from factlint.shells.cli import main  # noqa: E402
from tests.conftest import in_order  # noqa: E402


@pytest.fixture(scope="module")
def client():
    cluster = local_cluster(2)
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


def _upkeep(dask_worker) -> tuple[dict[str, object], list[str], int]:
    """A worker's view of QUIET_CONFIG's keys, its periodic callbacks and its threads."""
    return {key: dask.config.get(key) for key in QUIET_CONFIG}, sorted(dask_worker.periodic_callbacks), dask_worker.state.nthreads


def test_a_local_cluster_has_one_thread_a_worker_and_no_profiler(client) -> None:
    views = list(client.run(_upkeep).values())
    assert len(views) == 2
    for settings, callbacks, threads in views:
        assert settings == {
            "distributed.worker.profile.enabled": False,
            "distributed.admin.tick.interval": "500ms",
            "distributed.admin.system-monitor.interval": "2s",
            "distributed.admin.system-monitor.disk": False,
        }
        assert threads == 1
        assert "profile" not in callbacks and "profile-cycle" not in callbacks and "heartbeat" in callbacks
    # the workers took the settings; this process's own configuration is Dask's default again
    assert dask.config.get("distributed.worker.profile.enabled") is True
    assert dask.config.get("distributed.admin.tick.interval") == "20ms"


def test_scheduler_local_starts_a_quiet_cluster() -> None:
    client, workers, close = connect("local:1")
    try:
        assert workers == 1
        [(settings, callbacks, threads)] = client.run(_upkeep).values()
        assert (settings["distributed.worker.profile.enabled"], "profile" in callbacks, threads) == (False, False, 1)
    finally:
        close()


def test_an_asynchronous_local_cluster_is_refused_rather_than_left_noisy() -> None:
    with pytest.raises(ConfigError, match=r"create it inside dask\.config\.set\(QUIET_CONFIG\)"):
        local_cluster(1, asynchronous=True)


def _loads() -> int:
    """How many pipelines this process has loaded (factlint.nlp.pipeline.load_pipeline's cache)."""
    from factlint.nlp.pipeline import load_pipeline

    return load_pipeline.cache_info().misses


def test_the_plugin_loads_the_model_on_every_worker_once(client, records) -> None:
    linter = Linter()
    warm_workers(client, linter)
    loaded = client.run(_loads)
    assert len(loaded) == 2 and all(count >= 1 for count in loaded.values())
    list(lint_bag(db.from_sequence(records[-40:], npartitions=8), linter).compute())
    assert client.run(_loads) == loaded  # eight partitions, no load after the plugin's


def test_a_bag_gives_what_check_gives_on_files(client, records, expected_findings) -> None:
    bag = db.from_sequence(records, npartitions=6)
    assert in_order(lint_bag(bag, Linter()).compute()) == expected_findings


def test_a_dataframe_gives_what_check_gives_on_files(client, records, expected_findings) -> None:
    frame = pd.DataFrame(
        {
            "article_id": [r["id"] for r in records],
            "body": [r["text"] for r in records],
            "published": pd.to_datetime([r.get("date") for r in records]),
            "markup": [r.get("markup") for r in records],
        }
    )
    findings = lint_dataframe(
        dd.from_pandas(frame, npartitions=4), Linter(), text="body", id="article_id", date="published", markup="markup"
    ).compute()
    assert list(findings.columns)[:4] == ["id", "rule", "severity", "message"]
    assert in_order(json.loads(item) for item in findings["json"]) == expected_findings
    seed = findings[findings["id"] == "seed"]
    assert list(zip(seed["rule"], seed["line"], seed["column"], strict=True)) == [
        ("event-day-mismatch", 3, 136),
        ("weekday-mismatch", 19, 58),
    ]


def test_check_input_on_the_cluster_writes_what_one_process_writes(client, records, tmp_path: Path, capsys) -> None:
    source = tmp_path / "records.jsonl"
    kept = records[-80:]  # fewer where ../shared/corpora is absent
    source.write_text("".join(json.dumps(r) + "\n" for r in kept) + "{broken\n", encoding="utf-8")
    local = main(["check", "--input", str(source), "--jobs", "1"])
    expected = capsys.readouterr().out
    remote = main(["check", "--input", str(source), "--scheduler", client.scheduler.address])
    assert (remote, capsys.readouterr().out) == (local, expected)
    assert local == 2 and expected.splitlines()[-1].startswith(f'{{"id":null,"line":{len(kept) + 1},"error":')


def test_a_bad_scheduler_is_a_usage_error(capsys, tmp_path: Path) -> None:
    source = tmp_path / "r.jsonl"
    source.write_text('{"id": 1, "text": "x"}\n', encoding="utf-8")
    assert main(["check", "--input", str(source), "--scheduler", "local:none"]) == 2
    assert "--scheduler 'local:none': local:N needs a positive number of workers" in capsys.readouterr().err
    assert main(["check", "--input", str(source), "--scheduler", "somewhere"]) == 2
    assert "give a scheduler address (tcp://host:8786) or local:N" in capsys.readouterr().err


def test_the_readme_dask_example_prints_what_it_says(archive_folder, capsys) -> None:
    from tests.conftest import readme_archive_blocks

    scope = {"__name__": "__main__"}
    try:
        exec(readme_archive_blocks("python")[1], scope)
    finally:
        if "client" in scope:  # the example's own cluster: not left running for the tests after it
            cluster = scope["client"].cluster
            scope["client"].close()
            cluster.close()
    assert capsys.readouterr().out.splitlines() == ["rappler-1 3 event-day-mismatch", "rappler-1 19 weekday-mismatch"]
