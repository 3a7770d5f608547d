"""`--engine dask`: the same pages linted on a Dask cluster give the same records as the
local process pool (a LocalCluster stands in for a real cluster)."""

from __future__ import annotations

import pytest
from site_fixture import SiteServer, build_site

from selkeys.batch import BatchOptions, Sources, read_records, run_batch
from selkeys.config import Config
from selkeys.fetch.client import FetchSettings

pytestmark = pytest.mark.slow  # starts Dask clusters

distributed = pytest.importorskip("distributed")

TIMING_FIELDS = ("fetched_at",)


def _records(base: str, tmp, **options) -> list[dict]:
    fetch = FetchSettings(allow_private=True, backoff=0.05, timeout=2.0, delay=0.0)
    outcome = run_batch(Sources(sitemaps=[base + "/sitemap.xml"]),
                        BatchOptions(config=Config(), fetch=fetch, run_dir=tmp / "run", http_cache=tmp / "http",
                                     **options))
    records = [{k: v for k, v in r.items() if k not in TIMING_FIELDS} for r in read_records(outcome.records_path)]
    return sorted(records, key=lambda r: r["url"])


def test_dask_engine_gives_the_same_records_as_the_local_pool(tmp_path):
    server = SiteServer(build_site(12))
    try:
        local = _records(server.base, tmp_path / "local", jobs=2)
        with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                      dashboard_address=None) as cluster:
            remote = _records(server.base, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
    finally:
        server.close()
    assert len(local) == 12 * 2 + 3  # the pages of both sitemaps
    assert sum(1 for r in local if r["findings"]) > 10
    assert remote == local


def test_dask_engine_needs_a_reachable_scheduler(tmp_path):
    with pytest.raises(RuntimeError, match="Dask scheduler"):
        run_batch(Sources(urls=["http://127.0.0.1:9/"]),
                  BatchOptions(config=Config(), run_dir=tmp_path, engine="dask", scheduler="tcp://127.0.0.1:9"))
