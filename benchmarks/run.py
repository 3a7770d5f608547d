"""Speed benchmark: selkeys against proselint on the same 100,000-word Finnish text.

Run with ``make bench``. The result is a report, not a test: targets that are
missed are printed as FAIL, but the exit code stays 0 so the numbers are always
produced (CI can archive ``benchmarks/out/report.md``).
"""

from __future__ import annotations

import os
import re
import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from corpus import SWEDISH_TARGET_WORDS, TARGET_WORDS, CorpusStats, build_corpus, build_swedish_corpus
from measure import Summary, run_many
from provenance import git_revision

# --- targets (from the issue; change them here, not in unit tests) ---------------
MIN_SPEED_RATIO = 2.0  # selkeys words/s must be >= this many times proselint's
MIN_JSON_SPEED_RATIO = 1.7  # the same with --format json (and --no-cache)
MAX_JSON_BYTES_PER_INPUT_BYTE = 2.0  # JSON for a 10 MB file <= 20 MB, by default
MAX_STARTUP_SECONDS = 0.5  # median `selkeys check` on one paragraph
MAX_LARGE_FILE_RSS_MIB = 300  # peak RSS of checking a 10 MB file, in each of LARGE_FORMATS

# --- how much to measure -----------------------------------------------------------
FULL_RUNS = 3  # timed runs on the full text, median reported
STARTUP_RUNS = 10  # timed runs on the one-paragraph file
WARMUP_RUNS = 1  # untimed runs first: page cache, .pyc files
LARGE_COPIES = 10  # the 10 MB file is the text this many times (under the 10 MiB file-size limit)
LARGE_FORMATS = ("text", "json", "jsonl", "sarif")  # one run each: peak RSS barely varies

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
TEXT_FILE = OUT / "fi_100k.txt"
SV_TEXT_FILE = OUT / "sv_text.txt"
LARGE_FILE = OUT / "fi_10mb.txt"
PARAGRAPH_FILE = OUT / "one_paragraph.txt"
REPORT_FILE = OUT / "report.md"
CACHE_DIR = OUT / "analysis-cache"  # selkeys' on-disk caches (analyses, parsed rule packs), apart from the user's

# About 40 words of typical municipal notice text, written for this benchmark.
ONE_PARAGRAPH = (
    "Kaupunki uudistaa keskustan pysäköintialueet kesän aikana. Työt alkavat "
    "kesäkuun alussa ja kestävät elokuun loppuun. Töiden aikana osa "
    "pysäköintipaikoista on suljettu. Voit pysäköidä maksutta torin viereiselle "
    "alueelle. Lisätietoja saat kaupungin asiakaspalvelusta arkisin kello 9–16 "
    "tai verkkosivuilta. Pysäköinnin valvonta jatkuu tavalliseen tapaan.\n"
)

SOURCES = (
    "UD Finnish-TDT dev set (`# text` lines), CC BY-SA 4.0",
    "selkeys example documents (`corpus/examples/*.txt`), MIT",
    "LibreOffice help in Finnish (Debian `libreoffice-help-fi`), MPL-2.0",
)


@dataclass(frozen=True)
class Results:
    """Everything the report needs, gathered in one run."""

    corpus: CorpusStats
    selkeys: Summary  # analysis cache warm (the warm-up run filled it)
    selkeys_cold: Summary  # --no-cache: every word form analysed by Voikko in the run
    selkeys_json: Summary  # --no-cache --format json
    json_bytes: int | None  # size of the JSON that run printed
    proselint: Summary | None
    startup: Summary
    swedish_corpus: CorpusStats
    swedish: Summary
    selkeys_findings: int | None
    proselint_findings: int | None
    large: dict[str, Summary]  # by output format: `check` of the 10 MB file


def tool(name: str) -> str:
    """Prefer the venv's own console script, so `make bench` uses what it installed."""
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else (shutil.which(name) or name)


def selkeys_full_cmd(cache: bool = True) -> list[str]:
    """The full default Finnish rule set and default (text) output, as proselint's default output.

    With ``cache`` the run reads the analysis cache that the warm-up run wrote (the steady
    state of repeated batch runs); without it, every distinct word form is analysed anew."""
    return [tool("selkeys"), "check", "--exit-zero", "--lang", "fi", *([] if cache else ["--no-cache"]),
            str(TEXT_FILE)]


def selkeys_json_cmd() -> list[str]:
    """What a script or CI job runs: the default JSON, without the analysis cache."""
    return [tool("selkeys"), "check", "--exit-zero", "--lang", "fi", "--no-cache", "--format", "json",
            str(TEXT_FILE)]


def proselint_cmd() -> list[str]:
    """proselint 0.16 CLI: `proselint check PATH` (exit 1 means findings)."""
    return [tool("proselint"), "check", str(TEXT_FILE)]


def swedish_cmd() -> list[str]:
    """The Swedish pipeline (tagger, rules, measures) on the Swedish text."""
    return [tool("selkeys"), "check", "--exit-zero", "--lang", "sv", str(SV_TEXT_FILE)]


def large_cmd(fmt: str) -> list[str]:
    """A file near the default size limit, in one output format: its peak memory must not grow
    with the file (records and findings are written as they are made)."""
    return [tool("selkeys"), "check", "--exit-zero", "--lang", "fi", "--no-cache", "--format", fmt,
            str(LARGE_FILE)]


def build_large_file() -> None:
    """The benchmark text LARGE_COPIES times (about 10 MB); rebuilt whenever the text is."""
    text = TEXT_FILE.read_bytes()
    if not LARGE_FILE.exists() or LARGE_FILE.stat().st_size != len(text) * LARGE_COPIES:
        LARGE_FILE.write_bytes(text * LARGE_COPIES)


def startup_cmd() -> list[str]:
    """What a user types for a quick check of a short text."""
    return [tool("selkeys"), "check", "--exit-zero", str(PARAGRAPH_FILE)]


def tool_version(cmd: list[str]) -> str:
    """Version string for the report; never fails the benchmark."""
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0] if lines else "unknown"


def selkeys_version() -> str:
    """Read the version from the installed package metadata."""
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return f"selkeys {version('selkeys')}"
    except PackageNotFoundError:
        return "selkeys (version unknown)"


def count_selkeys_findings(stdout: Path) -> int | None:
    """Finding lines (path:line:col: CODE ...) in selkeys' text output: shows the rules ran."""
    try:
        text = stdout.read_text(encoding="utf-8")
    except OSError:
        return None
    return len(re.findall(r"^\S.*?:\d+:\d+: [A-Z]{2}-", text, re.M))


def count_proselint_findings(stdout: Path) -> int | None:
    """proselint prints one finding per line in its default format."""
    try:
        return sum(1 for line in stdout.read_text(encoding="utf-8").splitlines() if line.strip())
    except OSError:
        return None


def proselint_available() -> bool:
    """proselint is a dev extra; skip the comparison rather than crash without it."""
    return Path(tool("proselint")).exists() or shutil.which("proselint") is not None


def measure(corpus: CorpusStats, swedish_corpus: CorpusStats) -> Results:
    """Run all timed commands on the same files, in one process run."""
    print(f"\nTiming selkeys on {TEXT_FILE.name} ({FULL_RUNS} runs + {WARMUP_RUNS} warm-up) ...", flush=True)
    shutil.rmtree(CACHE_DIR, ignore_errors=True)
    os.environ["SELKEYS_CACHE_DIR"] = str(CACHE_DIR)
    selkeys = run_many(selkeys_full_cmd(), FULL_RUNS, WARMUP_RUNS, OUT, "selkeys")
    print(f"Timing selkeys --no-cache on {TEXT_FILE.name} ({FULL_RUNS} runs) ...", flush=True)
    selkeys_cold = run_many(selkeys_full_cmd(cache=False), FULL_RUNS, 0, OUT, "selkeys-cold")
    print(f"Timing selkeys --no-cache --format json on {TEXT_FILE.name} ({FULL_RUNS} runs) ...", flush=True)
    selkeys_json = run_many(selkeys_json_cmd(), FULL_RUNS, 0, OUT, "selkeys-json")
    json_out = OUT / "selkeys-json.stdout"
    proselint = None
    if proselint_available():
        print(f"Timing proselint on {TEXT_FILE.name} ({FULL_RUNS} runs + {WARMUP_RUNS} warm-up) ...", flush=True)
        proselint = run_many(proselint_cmd(), FULL_RUNS, WARMUP_RUNS, OUT, "proselint")
    print(f"Timing selkeys start-up on {PARAGRAPH_FILE.name} ({STARTUP_RUNS} runs) ...", flush=True)
    startup = run_many(startup_cmd(), STARTUP_RUNS, WARMUP_RUNS, OUT, "startup")
    print(f"Timing selkeys on the Swedish text {SV_TEXT_FILE.name} ({FULL_RUNS} runs) ...", flush=True)
    swedish = run_many(swedish_cmd(), FULL_RUNS, WARMUP_RUNS, OUT, "swedish")
    large = {}
    for fmt in LARGE_FORMATS:
        print(f"Peak memory of selkeys --format {fmt} on {LARGE_FILE.name} (1 run) ...", flush=True)
        large[fmt] = run_many(large_cmd(fmt), 1, 0, OUT, f"large-{fmt}")
    return Results(
        corpus=corpus,
        selkeys=selkeys,
        selkeys_cold=selkeys_cold,
        selkeys_json=selkeys_json,
        json_bytes=json_out.stat().st_size if json_out.exists() else None,
        proselint=proselint,
        startup=startup,
        swedish_corpus=swedish_corpus,
        swedish=swedish,
        selkeys_findings=count_selkeys_findings(OUT / "selkeys.stdout"),
        proselint_findings=count_proselint_findings(OUT / "proselint.stdout") if proselint else None,
        large=large,
    )


# --- report ------------------------------------------------------------------------


def crashed(summary: Summary | None, ok_codes: set[int]) -> bool:
    """A run that exited with an unexpected code did not measure linting."""
    return summary is None or not summary.returncodes <= ok_codes


def words_per_second(words: int, summary: Summary | None, ok_codes: set[int]) -> float | None:
    """Words / median seconds, or None when the tool did not run cleanly."""
    if crashed(summary, ok_codes) or summary.median_seconds <= 0:
        return None
    return words / summary.median_seconds


def fmt(value: float | int | None, pattern: str) -> str:
    """Format a number, or 'n/a' for a measurement that is missing."""
    return "n/a" if value is None else pattern.format(value)


def verdict(passed: bool) -> str:
    """Bold so a failed target stands out in both terminal and rendered markdown."""
    return "**PASS**" if passed else "**FAIL**"


def corpus_section(corpus: CorpusStats) -> list[str]:
    """Describe the text, so readers can judge whether it is padding-free."""
    lines = [
        "## Text",
        "",
        f"`benchmarks/out/fi_100k.txt`: {corpus.words:,} words, {corpus.paragraphs:,} paragraphs, "
        f"{corpus.sentences:,} sentences of which {corpus.distinct_sentences:,} distinct "
        f"({'no sentence repeated' if corpus.sentences == corpus.distinct_sentences else 'REPEATS FOUND'}).",
        "",
    ]
    if corpus.words < TARGET_WORDS:
        lines += [f"**WARNING: fewer than {TARGET_WORDS:,} words; a source is missing.**", ""]
    for name, words in corpus.words_by_source.items():
        lines.append(f"- {name}: {words:,} words")
    lines += ["", "Sources and licences:", ""] + [f"- {s}" for s in SOURCES]
    return lines


def results_table(r: Results, wps: dict[str, float | None], ratios: dict[str, float | None]) -> list[str]:
    """The main markdown table: one row per measure, one column per command."""
    pl = r.proselint
    return [
        "## Results",
        "",
        "| Measure | selkeys (analysis cache warm) | selkeys --no-cache | selkeys --no-cache --format json "
        "| proselint |",
        "|---|---:|---:|---:|---:|",
        f"| Words in the text | {r.corpus.words:,} | {r.corpus.words:,} | {r.corpus.words:,} | {r.corpus.words:,} |",
        f"| Median wall time ({FULL_RUNS} runs) | {r.selkeys.median_seconds:.2f} s | "
        f"{r.selkeys_cold.median_seconds:.2f} s | {r.selkeys_json.median_seconds:.2f} s | "
        f"{fmt(pl.median_seconds if pl else None, '{:.2f} s')} |",
        f"| Words per second | {fmt(wps['warm'], '{:,.0f}')} | {fmt(wps['cold'], '{:,.0f}')} | "
        f"{fmt(wps['json'], '{:,.0f}')} | {fmt(wps['proselint'], '{:,.0f}')} |",
        f"| Speed ratio to proselint | {fmt(ratios['warm'], '{:.2f}×')} | {fmt(ratios['cold'], '{:.2f}×')} | "
        f"{fmt(ratios['json'], '{:.2f}×')} | 1× |",
        f"| Peak RSS, largest process (max over runs) | {r.selkeys.max_rss_mib:.0f} MiB | "
        f"{r.selkeys_cold.max_rss_mib:.0f} MiB | {r.selkeys_json.max_rss_mib:.0f} MiB | "
        f"{fmt(pl.max_rss_mib if pl else None, '{:.0f} MiB')} |",
        f"| Output size | — | — | {fmt(r.json_bytes, '{:,} bytes')} ({fmt(json_ratio(r), '{:.2f}')} × the "
        f"input's {TEXT_FILE.stat().st_size:,} bytes) | — |",
        f"| Findings (last run) | {fmt(r.selkeys_findings, '{:,}')} | {fmt(r.selkeys_findings, '{:,}')} | "
        f"{fmt(r.selkeys_findings, '{:,}')} | {fmt(r.proselint_findings, '{:,}')} |",
        f"| CLI start-up, one paragraph (median of {STARTUP_RUNS}) | {r.startup.median_seconds:.3f} s | — | — | — |",
        "",
        "selkeys uses all cores (2 here) for a text this size; the warm column reads the analysis "
        "cache that the warm-up run wrote (`SELKEYS_CACHE_DIR`), as repeated batch runs do.",
    ]


def json_ratio(r: Results) -> float | None:
    """JSON bytes per byte of input text."""
    size = TEXT_FILE.stat().st_size
    return r.json_bytes / size if r.json_bytes is not None and size else None


def targets_section(ratios: dict[str, float | None], startup_s: float | None, per_byte: float | None,
                    large_peak: tuple[str, float] | None) -> list[str]:
    """PASS/FAIL against the thresholds defined at the top of this file."""
    startup_ok = startup_s is not None and startup_s < MAX_STARTUP_SECONDS
    rows = [
        "## Targets",
        "",
        "| Target | Threshold | Measured | Result |",
        "|---|---|---|---|",
    ]
    for key, label in (("warm", "selkeys words/s vs proselint, analysis cache warm"),
                       ("cold", "selkeys words/s vs proselint, --no-cache")):
        ratio = ratios[key]
        ok = ratio is not None and ratio >= MIN_SPEED_RATIO
        rows.append(f"| {label} | ≥ {MIN_SPEED_RATIO:.1f}× | {fmt(ratio, '{:.2f}×')} | {verdict(ok)} |")
    json_ok = ratios["json"] is not None and ratios["json"] >= MIN_JSON_SPEED_RATIO
    rows.append(f"| selkeys words/s vs proselint, --no-cache --format json | ≥ {MIN_JSON_SPEED_RATIO:.1f}× | "
                f"{fmt(ratios['json'], '{:.2f}×')} | {verdict(json_ok)} |")
    size_ok = per_byte is not None and per_byte <= MAX_JSON_BYTES_PER_INPUT_BYTE
    rows.append(f"| JSON size per byte of input (a 10 MB file: ≤ 20 MB) | ≤ {MAX_JSON_BYTES_PER_INPUT_BYTE:.1f} | "
                f"{fmt(per_byte, '{:.2f}')} | {verdict(size_ok)} |")
    rows.append(f"| selkeys CLI start-up | < {MAX_STARTUP_SECONDS:.2f} s | {fmt(startup_s, '{:.3f} s')} | "
                f"{verdict(startup_ok)} |")
    large_ok = large_peak is not None and large_peak[1] <= MAX_LARGE_FILE_RSS_MIB
    rows.append(f"| Peak RSS checking a 10 MB file, largest of {', '.join(LARGE_FORMATS)} | "
                f"≤ {MAX_LARGE_FILE_RSS_MIB} MiB | "
                f"{'n/a' if large_peak is None else f'{large_peak[1]:.0f} MiB ({large_peak[0]})'} | {verdict(large_ok)} |")
    return rows


def largest_peak(r: Results) -> tuple[str, float] | None:
    """The format with the largest peak RSS on the 10 MB file, and that peak (None when a run failed)."""
    if not r.large or any(crashed(summary, {0}) for summary in r.large.values()):
        return None
    fmt_name = max(r.large, key=lambda f: r.large[f].max_rss_mib)
    return fmt_name, r.large[fmt_name].max_rss_mib


def large_file_section(r: Results) -> list[str]:
    """Peak memory per output format on the 10 MB file, against MAX_LARGE_FILE_RSS_MIB."""
    rows = [
        "## Memory on a 10 MB file",
        "",
        f"`benchmarks/out/fi_10mb.txt`: the text {LARGE_COPIES} times ({LARGE_FILE.stat().st_size:,} bytes), "
        "`--lang fi --no-cache`, default jobs (all cores), one run per format.",
        "",
        "| Format | Wall time | Peak RSS, largest process | Target | Result |",
        "|---|---:|---:|---:|---|",
    ]
    for fmt, summary in r.large.items():
        ok = not crashed(summary, {0}) and summary.max_rss_mib <= MAX_LARGE_FILE_RSS_MIB
        rows.append(f"| {fmt} | {summary.median_seconds:.1f} s | {summary.max_rss_mib:.0f} MiB | "
                    f"≤ {MAX_LARGE_FILE_RSS_MIB} MiB | {verdict(ok)} |")
    return rows


def swedish_section(r: Results) -> list[str]:
    """The Swedish run: no peer is named for it, so words/s and memory only."""
    wps = words_per_second(r.swedish_corpus.words, r.swedish, {0})
    enough = r.swedish_corpus.words >= SWEDISH_TARGET_WORDS
    return [
        "## Swedish",
        "",
        f"`benchmarks/out/sv_text.txt`: {r.swedish_corpus.words:,} words "
        f"({r.swedish_corpus.distinct_sentences:,} distinct sentences) from UD Swedish-Talbanken and "
        f"UD Swedish-LinES (CC BY-SA 4.0 and CC BY-NC-SA 4.0){'' if enough else f' — FEWER THAN {SWEDISH_TARGET_WORDS:,} WORDS'}.",
        "",
        "| Measure | selkeys --lang sv |",
        "|---|---:|",
        f"| Median wall time ({FULL_RUNS} runs) | {r.swedish.median_seconds:.2f} s |",
        f"| Words per second | {fmt(wps, '{:,.0f}')} |",
        f"| Peak RSS, largest process | {r.swedish.max_rss_mib:.0f} MiB |",
    ]


def problems_section(r: Results) -> list[str]:
    """Show stderr of any run that did not exit as expected (e.g. a traceback)."""
    lines: list[str] = []
    checks = (("selkeys (full text)", r.selkeys, {0}), ("selkeys --no-cache", r.selkeys_cold, {0}),
              ("proselint", r.proselint, {0, 1}),
              ("selkeys (start-up)", r.startup, {0}), ("selkeys (Swedish)", r.swedish, {0}),
              *((f"selkeys --format {fmt} (10 MB file)", summary, {0}) for fmt, summary in r.large.items()))
    for label, summary, ok in checks:
        if summary is None:
            lines += [f"- {label}: not run (not installed)."]
        elif crashed(summary, ok):
            bad = next(run for run in summary.runs if run.returncode not in ok)
            lines += [f"- {label}: exit code {bad.returncode}; stderr:", "", "```", bad.stderr_tail.rstrip(), "```"]
    return ["## Problems", "", *lines] if lines else []


def environment_section() -> list[str]:
    """Record what the numbers were measured on; they mean little without it."""
    return [
        "## Environment",
        "",
        f"- {selkeys_version()} at commit {git_revision()}; {tool_version([tool('proselint'), 'version'])}",
        f"- Python {platform.python_version()} ({sys.executable})",
        f"- {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPUs",
        f"- Run at {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        "",
        "Commands (each timed as a whole process, output written to `benchmarks/out/`):",
        "",
        "```",
        " ".join(selkeys_full_cmd()),
        " ".join(selkeys_full_cmd(cache=False)),
        " ".join(selkeys_json_cmd()),
        " ".join(proselint_cmd()),
        " ".join(startup_cmd()),
        " ".join(swedish_cmd()),
        *(" ".join(large_cmd(fmt)) for fmt in LARGE_FORMATS),
        "```",
        "",
        "proselint is an English checker; it is the prose-linter peer named in the issue and "
        "is run on the same Finnish text purely as a throughput reference.",
    ]


def render(r: Results) -> str:
    """Assemble the full markdown report."""
    wps = {
        "warm": words_per_second(r.corpus.words, r.selkeys, {0}),
        "cold": words_per_second(r.corpus.words, r.selkeys_cold, {0}),
        "json": words_per_second(r.corpus.words, r.selkeys_json, {0}),
        "proselint": words_per_second(r.corpus.words, r.proselint, {0, 1}),
    }
    ratios = {k: (wps[k] / wps["proselint"] if wps[k] and wps["proselint"] else None) for k in ("warm", "cold", "json")}
    startup_s = None if crashed(r.startup, {0}) else r.startup.median_seconds
    sections = [
        ["# selkeys speed benchmark"],
        results_table(r, wps, ratios),
        targets_section(ratios, startup_s, json_ratio(r), largest_peak(r)),
        swedish_section(r),
        large_file_section(r),
        problems_section(r),
        corpus_section(r.corpus),
        environment_section(),
    ]
    return "\n\n".join("\n".join(s) for s in sections if s) + "\n"


def main() -> int:
    """Build the text (cached), measure, print and save the report."""
    OUT.mkdir(parents=True, exist_ok=True)
    corpus = build_corpus(REPO, TEXT_FILE)
    print(f"Text: {TEXT_FILE} — {corpus.words:,} words, {corpus.distinct_sentences:,} distinct sentences "
          f"({corpus.sentences:,} in total)")
    PARAGRAPH_FILE.write_text(ONE_PARAGRAPH, encoding="utf-8")
    build_large_file()
    swedish_corpus = build_swedish_corpus(REPO, SV_TEXT_FILE)
    report = render(measure(corpus, swedish_corpus))
    REPORT_FILE.write_text(report, encoding="utf-8")
    print("\n" + report)
    print(f"Report written to {REPORT_FILE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
