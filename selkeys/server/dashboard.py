"""The admin dashboard and CSV export: reader clarity next to selkeys' score, per page and
text version, how many ratings were accepted or set aside (duplicates, spam), and the
paragraphs readers marked unclear with selkeys' findings for them.

The page speaks Finnish, Swedish or English (``?lang=``, else the browser's Accept-Language);
every text comes from the ``dashboard.*`` entries of the message catalogue. Everything
residents wrote is shown through ``html.escape`` (HTML) or guarded against spreadsheet
formulas (CSV); the page has no script, and its CSP forbids any.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from html import escape

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from selkeys.messages import decimal, text
from selkeys.score import band_label
from selkeys.server.db import pages, ratings, text_versions
from selkeys.server.settings import Settings
from selkeys.server.sites import Site
from selkeys.server.stats import Mean, mean_interval, pearson

CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
COMMENTS_PER_VERSION = 20
QUOTES_PER_PARAGRAPH = 5
STATUSES = ("ok", "duplicate", "spam")


@dataclass(slots=True)
class Unclear:
    index: int
    kind: str
    text: str
    count: int
    quotes: list[str] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)


@dataclass(slots=True)
class VersionRow:
    url: str
    lang: str
    linked: list[str]
    version: str
    current: bool
    clarity: Mean | None
    enough: bool
    score: float | None
    band: str | None
    statuses: Counter = field(default_factory=Counter)  # ratings by status: ok, duplicate, spam
    unclear: list[Unclear] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    rows: list[VersionRow]
    correlation: float | None
    points: list[tuple[float, float, str]]  # (score, mean clarity, label) of versions with enough ratings
    statuses: Counter  # all the site's ratings by status


def build_report(engine: Engine, site: Site, min_ratings: int) -> Report:
    """Aggregate the site's ok-status ratings per page and text version; duplicates and spam
    are stored and counted, never averaged."""
    ok = (ratings.c.site_id == site.id) & (ratings.c.status == "ok")
    with engine.connect() as conn:
        page_rows = {p.id: p for p in conn.execute(select(pages).where(pages.c.site_id == site.id))}
        sums = conn.execute(select(ratings.c.page_id, ratings.c.version_hash, func.count(), func.sum(ratings.c.rating),
                                   func.sum(ratings.c.rating * ratings.c.rating))
                            .where(ok).group_by(ratings.c.page_id, ratings.c.version_hash)).all()
        by_status = conn.execute(select(ratings.c.page_id, ratings.c.version_hash, ratings.c.status, func.count())
                                 .where(ratings.c.site_id == site.id)
                                 .group_by(ratings.c.page_id, ratings.c.version_hash, ratings.c.status)).all()
        marks = conn.execute(select(ratings.c.page_id, ratings.c.version_hash, ratings.c.paragraph_index, func.count())
                             .where(ok, ratings.c.paragraph_index.is_not(None))
                             .group_by(ratings.c.page_id, ratings.c.version_hash, ratings.c.paragraph_index)).all()
        keys = ({(r[0], r[1]) for r in by_status}
                | {(p.id, p.current_version) for p in page_rows.values() if p.current_version})
        hashes = {k[1] for k in keys}
        versions = {v.hash: v for v in conn.execute(
            select(text_versions.c.hash, text_versions.c.score, text_versions.c.band, text_versions.c.paragraphs,
                   text_versions.c.findings).where(text_versions.c.hash.in_(hashes)))} if hashes else {}
        quotes: dict[tuple, list[str]] = {}
        comments: dict[tuple, list[str]] = {}
        for r in conn.execute(select(ratings.c.page_id, ratings.c.version_hash, ratings.c.paragraph_index,
                                     ratings.c.paragraph_quote, ratings.c.comment)
                              .where(ok, (ratings.c.comment.is_not(None)) | (ratings.c.paragraph_quote.is_not(None)))
                              .order_by(ratings.c.id.desc()).limit(5000)):
            if r.comment and len(comments.setdefault((r.page_id, r.version_hash), [])) < COMMENTS_PER_VERSION:
                comments[(r.page_id, r.version_hash)].append(r.comment)
            if r.paragraph_quote is not None:
                bucket = quotes.setdefault((r.page_id, r.version_hash, r.paragraph_index), [])
                if len(bucket) < QUOTES_PER_PARAGRAPH and r.paragraph_quote not in bucket:
                    bucket.append(r.paragraph_quote)
    totals = {(r[0], r[1]): (r[2], float(r[3] or 0), float(r[4] or 0)) for r in sums}
    statuses: dict[tuple, Counter] = {}
    for page_id, digest, status, count in by_status:
        statuses.setdefault((page_id, digest), Counter())[status] += count
    groups: dict[int, list[str]] = {}
    for p in page_rows.values():
        if p.group_id is not None:
            groups.setdefault(p.group_id, []).append(p.url)
    rows: list[VersionRow] = []
    for page_id, digest in sorted(keys, key=lambda k: (page_rows[k[0]].url, k[1] != page_rows[k[0]].current_version)):
        page, version = page_rows[page_id], versions.get(digest)
        if version is None:
            continue
        clarity = mean_interval(*totals.get((page_id, digest), (0, 0.0, 0.0)))
        paragraphs = json.loads(version.paragraphs)
        findings = json.loads(version.findings)
        row = VersionRow(page.url, page.lang, [u for u in groups.get(page.group_id, []) if u != page.url] if page.group_id
                         else [], digest, digest == page.current_version, clarity,
                         clarity is not None and clarity.n >= min_ratings, version.score, version.band,
                         statuses=statuses.get((page_id, digest), Counter()),
                         comments=comments.get((page_id, digest), []))
        for m in sorted((m for m in marks if m[0] == page_id and m[1] == digest), key=lambda m: -m[3]):
            index = m[2]
            if not 0 <= index < len(paragraphs):
                continue
            row.unclear.append(Unclear(index, paragraphs[index]["kind"], paragraphs[index]["text"], m[3],
                                       quotes.get((page_id, digest, index), []),
                                       [f for f in findings if f["block"] == index]))
        rows.append(row)
    points = [(r.score, r.clarity.mean, f"{r.url} {r.version[:8]}") for r in rows
              if r.enough and r.score is not None and r.clarity is not None]
    return Report(rows, pearson([p[0] for p in points], [p[1] for p in points]), points,
                  sum((r.statuses for r in rows), Counter()))


def scatter_svg(points: list[tuple[float, float, str]], lang: str) -> str:
    """Reader clarity (1-4, vertical) against selkeys' score (0-100, horizontal), inline SVG
    with both axes named."""
    width, height, left, bottom, top, right = 540, 340, 64, 48, 15, 15
    w, h = width - left - right, height - top - bottom

    def x(score: float) -> float:
        return left + w * score / 100

    def y(clarity: float) -> float:
        return top + h * (4 - clarity) / 3

    parts = [f'<svg class="scatter" viewBox="0 0 {width} {height}" role="img" aria-labelledby="scatter-title">',
             f'<title id="scatter-title">{escape(text("dashboard.chart_title", lang))}</title>',
             f'<line x1="{left}" y1="{top + h}" x2="{left + w}" y2="{top + h}" class="axis"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + h}" class="axis"/>']
    for tick in range(0, 101, 20):
        parts.append(f'<text x="{x(tick):.1f}" y="{top + h + 18}" text-anchor="middle">{tick}</text>')
    for tick in (1, 2, 3, 4):
        parts.append(f'<text x="{left - 10}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick}</text>')
    parts.append(f'<text x="{left + w / 2}" y="{height - 6}" text-anchor="middle">'
                 f'{escape(text("dashboard.axis_score", lang))}</text>')
    parts.append(f'<text x="14" y="{top + h / 2}" text-anchor="middle" transform="rotate(-90 14 {top + h / 2})">'
                 f'{escape(text("dashboard.axis_clarity", lang))}</text>')
    for score, clarity, label in points:
        parts.append(f'<circle cx="{x(score):.1f}" cy="{y(clarity):.1f}" r="5"><title>{escape(label)}: '
                     f'{score:.0f} / {decimal(clarity, lang, ".2f")}</title></circle>')
    parts.append("</svg>")
    return "\n".join(parts)


def _clarity_cell(row: VersionRow, min_ratings: int, lang: str) -> str:
    if row.clarity is None:
        return "–"
    value = (f"{decimal(row.clarity.mean, lang, '.2f')} ({decimal(row.clarity.low, lang, '.2f')}–"
             f"{decimal(row.clarity.high, lang, '.2f')})")
    if not row.enough:
        return f'<span class="few">{value} · {escape(text("dashboard.too_few", lang, n=min_ratings))}</span>'
    return value


def _status_summary(counts: Counter, settings: Settings, lang: str) -> str:
    """The site's ratings by status, with what each status means."""
    meanings = {"ok": text("dashboard.status_ok_means", lang),
                "duplicate": text("dashboard.status_duplicate_means", lang,
                                  minutes=f"{settings.duplicate_window_seconds / 60:g}"),
                "spam": text("dashboard.status_spam_means", lang, seconds=f"{settings.min_answer_seconds:g}")}
    items = "".join(f'<div><dt>{escape(text(f"dashboard.status_{status}", lang))}</dt><dd>{counts[status]}</dd>'
                    f'<dd class="meaning">{escape(meanings[status])}</dd></div>' for status in STATUSES)
    return f'<dl class="statuses">{items}</dl>'


def render_html(site: Site, report: Report, settings: Settings, lang: str = "fi") -> str:
    """The dashboard page in ``lang``; every user-supplied string is escaped here and nowhere else."""
    min_ratings = settings.min_ratings

    def t(key: str, **values: object) -> str:
        return escape(text(key, lang, **values))

    body = [f'<h1>{t("dashboard.title", site=site.name)}</h1>',
            f'<p><a href="{escape(site.id)}/ratings.csv">{t("dashboard.csv")}</a></p>',
            f'<h2>{t("dashboard.ratings")}</h2>', _status_summary(report.statuses, settings, lang),
            f'<h2>{t("dashboard.versions")}</h2>',
            f'<table><thead><tr><th scope="col">{t("dashboard.page")}</th><th scope="col">{t("dashboard.lang")}</th>'
            f'<th scope="col">{t("dashboard.version")}</th><th scope="col">{t("dashboard.status_ok")}</th>'
            f'<th scope="col">{t("dashboard.status_duplicate")}</th><th scope="col">{t("dashboard.status_spam")}</th>'
            f'<th scope="col">{t("dashboard.clarity")}</th><th scope="col">{t("dashboard.score")}</th>'
            '</tr></thead><tbody>']
    for row in report.rows:
        linked = "".join(f'<br><small>↔ {escape(u)}</small>' for u in row.linked)
        version = escape(row.version[:12]) + (f' ({t("dashboard.current")})' if row.current else "")
        score = (f"{row.score:.0f} ({escape(band_label(row.band or '', lang))})" if row.score is not None else "–")
        counts = "".join(f'<td class="num">{row.statuses[s]}</td>' for s in STATUSES)
        body.append(f"<tr><td>{escape(row.url)}{linked}</td><td>{escape(row.lang)}</td><td><code>{version}</code></td>"
                    f"{counts}<td>{_clarity_cell(row, min_ratings, lang)}</td><td>{score}</td></tr>")
    body.append("</tbody></table>")
    body.append(f'<h2>{t("dashboard.chart_heading")}</h2>')
    if not report.points:
        body.append(f'<p class="no-chart">{t("dashboard.no_chart", n=min_ratings)}</p>')
    else:
        if report.correlation is None:
            body.append(f'<p>{t("dashboard.no_correlation", n=min_ratings)}</p>')
        else:
            body.append(f'<p>{t("dashboard.correlation", r=decimal(report.correlation, lang, ".2f"), versions=len(report.points), n=min_ratings)}</p>')
        body.append(scatter_svg(report.points, lang))
    body.append(f'<h2>{t("dashboard.unclear_heading")}</h2>')
    any_unclear = False
    for row in report.rows:
        if not row.unclear and not row.comments:
            continue
        any_unclear = True
        body.append(f"<h3>{escape(row.url)} <code>{escape(row.version[:12])}</code></h3>")
        if row.unclear:
            body.append("<ol class=\"unclear\">")
            for u in row.unclear:
                quotes = "".join(f"<li>“{escape(q)}”</li>" for q in u.quotes)
                findings = "".join(f"<li><code>{escape(f['code'])}</code> {escape(f['message'])}</li>" for f in u.findings)
                kind = t("dashboard.kind_heading") if u.kind == "heading" else t("dashboard.kind_paragraph")
                body.append(f'<li><p><strong>{u.count} ×</strong> {t("dashboard.paragraph", n=u.index + 1)} ({kind}): '
                            f"{escape(u.text)}</p>"
                            + (f'<p>{t("dashboard.quoted")}</p><ul>{quotes}</ul>' if quotes else "")
                            + (f'<p>{t("dashboard.findings")}</p><ul>{findings}</ul>' if findings
                               else f'<p>{t("dashboard.no_findings")}</p>') + "</li>")
            body.append("</ol>")
        if row.comments:
            body.append(f'<p>{t("dashboard.comments")}</p><ul class="comments">'
                        + "".join(f"<li>{escape(c)}</li>" for c in row.comments) + "</ul>")
    if not any_unclear:
        body.append(f'<p>{t("dashboard.none_unclear")}</p>')
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{t("dashboard.title", site=site.name)}</title>\n<link rel="icon" href="data:,">\n'
            '<link rel="stylesheet" href="../widget.css">\n</head>\n<body class="selkeys-page selkeys-dashboard">\n'
            '<main>\n' + "\n".join(body) + "\n</main>\n</body>\n</html>\n")


def _cell(value: object) -> object:
    """Cells that a spreadsheet would run as a formula get a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def ratings_csv(engine: Engine, site_id: str) -> bytes:
    """Every rating of the site, oldest first, as UTF-8 CSV with a BOM (Excel reads the
    Finnish and Swedish letters right only with it)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "page", "lang", "version", "selkeys_score", "rating", "paragraph_number", "quote", "comment",
                     "hour", "status"])
    query = (select(ratings.c.id, pages.c.url, ratings.c.lang, ratings.c.version_hash, text_versions.c.score,
                    ratings.c.rating, ratings.c.paragraph_index, ratings.c.paragraph_quote, ratings.c.comment,
                    ratings.c.created_hour, ratings.c.status)
             .join(pages, pages.c.id == ratings.c.page_id)
             .join(text_versions, text_versions.c.hash == ratings.c.version_hash)
             .where(ratings.c.site_id == site_id).order_by(ratings.c.id))
    with engine.connect() as conn:
        for r in conn.execute(query):
            writer.writerow([r.id, _cell(r.url), r.lang, r.version_hash,
                             "" if r.score is None else f"{r.score:.1f}", r.rating,
                             "" if r.paragraph_index is None else r.paragraph_index + 1, _cell(r.paragraph_quote or ""),
                             _cell(r.comment or ""), r.created_hour.strftime("%Y-%m-%dT%H:00Z"), r.status])
    return "\ufeff".encode("utf-8") + out.getvalue().encode("utf-8")
