"""The admin dashboard and CSV export: reader clarity next to selkeys' score, per page and
text version, and the paragraphs readers marked unclear with selkeys' findings for them.

Everything residents wrote is shown through ``html.escape`` (HTML) or guarded against
spreadsheet formulas (CSV); the page has no script, and its CSP forbids any.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from html import escape

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from selkeys.server.db import pages, ratings, text_versions
from selkeys.server.sites import Site
from selkeys.server.stats import Mean, mean_interval, pearson

CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
COMMENTS_PER_VERSION = 20
QUOTES_PER_PARAGRAPH = 5


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
    unclear: list[Unclear] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    rows: list[VersionRow]
    correlation: float | None
    points: list[tuple[float, float, str]]  # (score, mean clarity, label) of versions with enough ratings


def build_report(engine: Engine, site: Site, min_ratings: int) -> Report:
    """Aggregate the site's ok-status ratings per page and text version (duplicates and spam
    are stored but never counted)."""
    ok = (ratings.c.site_id == site.id) & (ratings.c.status == "ok")
    with engine.connect() as conn:
        page_rows = {p.id: p for p in conn.execute(select(pages).where(pages.c.site_id == site.id))}
        sums = conn.execute(select(ratings.c.page_id, ratings.c.version_hash, func.count(), func.sum(ratings.c.rating),
                                   func.sum(ratings.c.rating * ratings.c.rating))
                            .where(ok).group_by(ratings.c.page_id, ratings.c.version_hash)).all()
        marks = conn.execute(select(ratings.c.page_id, ratings.c.version_hash, ratings.c.paragraph_index, func.count())
                             .where(ok, ratings.c.paragraph_index.is_not(None))
                             .group_by(ratings.c.page_id, ratings.c.version_hash, ratings.c.paragraph_index)).all()
        keys = {(r[0], r[1]) for r in sums} | {(p.id, p.current_version) for p in page_rows.values() if p.current_version}
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
    return Report(rows, pearson([p[0] for p in points], [p[1] for p in points]), points)


def scatter_svg(points: list[tuple[float, float, str]]) -> str:
    """Reader clarity (1-4, vertical) against selkeys' score (0-100, horizontal), inline SVG."""
    width, height, left, bottom, top, right = 520, 320, 50, 40, 15, 15
    w, h = width - left - right, height - top - bottom

    def x(score: float) -> float:
        return left + w * score / 100

    def y(clarity: float) -> float:
        return top + h * (4 - clarity) / 3

    parts = [f'<svg class="scatter" viewBox="0 0 {width} {height}" role="img" aria-labelledby="scatter-title">',
             '<title id="scatter-title">Reader clarity (1–4) against selkeys score (0–100)</title>',
             f'<line x1="{left}" y1="{top + h}" x2="{left + w}" y2="{top + h}" class="axis"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + h}" class="axis"/>']
    for tick in range(0, 101, 20):
        parts.append(f'<text x="{x(tick):.1f}" y="{top + h + 18}" text-anchor="middle">{tick}</text>')
    for tick in (1, 2, 3, 4):
        parts.append(f'<text x="{left - 10}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick}</text>')
    parts.append(f'<text x="{left + w / 2}" y="{height - 4}" text-anchor="middle">selkeys</text>')
    for score, clarity, label in points:
        parts.append(f'<circle cx="{x(score):.1f}" cy="{y(clarity):.1f}" r="5"><title>{escape(label)}: '
                     f'{score:.0f} / {clarity:.2f}</title></circle>')
    parts.append("</svg>")
    return "\n".join(parts)


def _clarity_cell(row: VersionRow, min_ratings: int) -> str:
    if row.clarity is None:
        return "–"
    text = f"{row.clarity.mean:.2f} ({row.clarity.low:.2f}–{row.clarity.high:.2f})"
    if not row.enough:
        return f'<span class="few">{text} · too few ratings (under {min_ratings})</span>'
    return text


def render_html(site: Site, report: Report, min_ratings: int = 5) -> str:
    """The dashboard page; every user-supplied string is escaped here and nowhere else."""
    body = [f"<h1>Reader feedback: {escape(site.name)}</h1>",
            "<p><a href=\"" + escape(site.id) + "/ratings.csv\">CSV (all ratings)</a></p>",
            "<h2>Pages and text versions</h2>",
            '<table><thead><tr><th scope="col">Page</th><th scope="col">Lang</th><th scope="col">Version</th>'
            '<th scope="col">Ratings</th><th scope="col">Reader clarity 1–4 (95 % interval)</th>'
            '<th scope="col">selkeys score</th></tr></thead><tbody>']
    for row in report.rows:
        linked = "".join(f'<br><small>↔ {escape(u)}</small>' for u in row.linked)
        version = escape(row.version[:12]) + (" (current)" if row.current else "")
        score = f"{row.score:.0f} ({escape(row.band or '')})" if row.score is not None else "–"
        body.append(f"<tr><td>{escape(row.url)}{linked}</td><td>{escape(row.lang)}</td><td><code>{version}</code></td>"
                    f"<td>{row.clarity.n if row.clarity else 0}</td><td>{_clarity_cell(row, min_ratings)}</td>"
                    f"<td>{score}</td></tr>")
    body.append("</tbody></table>")
    body.append("<h2>Reader clarity against selkeys score</h2>")
    if report.correlation is None:
        body.append(f"<p>Correlation: not enough versions with {min_ratings} or more ratings (need 3).</p>")
    else:
        body.append(f"<p>Pearson correlation r = {report.correlation:.2f} over {len(report.points)} text versions "
                    f"with {min_ratings} or more ratings.</p>")
    body.append(scatter_svg(report.points))
    body.append("<h2>Paragraphs readers marked unclear</h2>")
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
                body.append(f"<li><p><strong>{u.count} ×</strong> paragraph {u.index + 1} ({escape(u.kind)}): "
                            f"{escape(u.text)}</p>"
                            + (f"<p>Quoted by readers:</p><ul>{quotes}</ul>" if quotes else "")
                            + (f"<p>selkeys findings:</p><ul>{findings}</ul>" if findings
                               else "<p>selkeys findings: none</p>") + "</li>")
            body.append("</ol>")
        if row.comments:
            body.append("<p>Latest comments:</p><ul class=\"comments\">"
                        + "".join(f"<li>{escape(c)}</li>" for c in row.comments) + "</ul>")
    if not any_unclear:
        body.append("<p>No paragraph has been marked unclear yet.</p>")
    return ('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>selkeys feedback: {escape(site.name)}</title>\n<link rel="icon" href="data:,">\n'
            '<link rel="stylesheet" href="../widget.css">\n</head>\n<body class="selkeys-page selkeys-dashboard">\n<main>\n' + "\n".join(body) + "\n</main>\n</body>\n</html>\n")


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
