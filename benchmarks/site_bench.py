"""Web batch benchmark: pages per second on 1,000 local pages with 1 and 2 worker processes.

Serves the test suite's generated site (tests/site_fixture.py; 500 Finnish and 500 Swedish
pages with menus, footers and hreflang pairs) on 127.0.0.1, and times whole
``selkeys check --sitemap ... --allow-private -j N`` processes, from exec to exit. The report
(also written to ``benchmarks/out/site_report.md``) gives pages/s for each and the scaling
ratio, with the machine's core count. It is a report, not a test: a missed target is printed as
FAIL with exit code 0; only a run that fails or loses pages stops it with an error.
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from measure import run_many  # noqa: E402
from provenance import git_revision  # noqa: E402
from site_fixture import SiteServer, build_site  # noqa: E402

PAGES_PER_LANG = 500
RUNS = 3  # timed runs per setting, median reported
WARMUP_RUNS = 1
MIN_SCALING = 1.5  # -j 2 should lint at least 1.5 times as many pages per second as -j 1
OUT = REPO / "benchmarks" / "out"
REPORT_FILE = OUT / "site_report.md"
SELKEYS = str(Path(sys.executable).with_name("selkeys"))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    server = SiteServer(build_site(PAGES_PER_LANG, awkward=False))
    work = OUT / "site-bench"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    config = work / "selkeys.toml"
    config.write_text('crawl-delay = 0\nuser-agent-contact = "https://example.invalid/benchmark"\n', encoding="utf-8")
    os.environ["SELKEYS_CACHE_DIR"] = str(work / "cache")
    pages = 2 * PAGES_PER_LANG
    load_before = os.getloadavg()[0]
    rows = []
    try:
        for jobs in (1, 2):
            cmd = [SELKEYS, "check", "--sitemap", f"{server.base}/sitemap.xml", "--allow-private", "-j", str(jobs),
                   "--config", str(config), "--format", "jsonl", "--exit-zero", "--run-dir", str(work / f"run-{jobs}")]
            summary = run_many(cmd, RUNS, WARMUP_RUNS, OUT, f"site-j{jobs}")
            lines = (OUT / f"site-j{jobs}.stdout").read_text(encoding="utf-8").count("\n")
            if summary.returncodes != {0} or lines != 2 * PAGES_PER_LANG:
                sys.exit(f"selkeys -j {jobs} failed (exit {sorted(summary.returncodes)}, {lines} records):\n"
                         + summary.runs[-1].stderr_tail)
            rows.append((jobs, summary, lines))
    finally:
        server.close()
    speed = {jobs: pages / summary.median_seconds for jobs, summary, _ in rows}
    ratio = speed[2] / speed[1]
    report = [
        "# Web batch benchmark", "",
        f"{pages} generated pages (Finnish and Swedish) served on 127.0.0.1 by the benchmark process; "
        f"`selkeys check --sitemap URL --allow-private -j N --format jsonl`, whole processes, median of {RUNS} "
        f"timed runs after {WARMUP_RUNS} warm-up run (the warm-up fills the HTTP cache, so timed runs revalidate "
        "every page with a conditional request and get 304).", "",
        "| workers | median seconds | pages/s | peak RSS (largest process) | records |",
        "|---:|---:|---:|---:|---:|",
    ]
    for jobs, summary, lines in rows:
        report.append(f"| {jobs} | {summary.median_seconds:.2f} | {speed[jobs]:.1f} | {summary.max_rss_mib:.0f} MiB | {lines} |")
    verdict = "PASS" if ratio >= MIN_SCALING else "FAIL"
    report += ["", f"Scaling ratio (-j 2 / -j 1): **{ratio:.2f}** on {os.cpu_count()} cores "
               f"(target ≥ {MIN_SCALING}: {verdict}).", "",
               f"Environment: commit {git_revision()}, Python {platform.python_version()}, {platform.machine()}, "
               f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; load average {load_before:.1f} before and "
               f"{os.getloadavg()[0]:.1f} after (other work on the machine takes cores from the runs). The web "
               "server runs on the same cores as the linter, so scaling on a two-core machine is bounded by it "
               "as well."]
    text = "\n".join(report) + "\n"
    REPORT_FILE.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
