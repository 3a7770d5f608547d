"""The HTML site report: one self-contained file (no external assets) rendered from page records.

A site run can have thousands of pages, so the records are read once, in order, and never all
kept: each page's table row and its text with highlighted findings are written to temporary
files as the page goes by, while only small summary figures (scores, counts, up to three
example snippets per rule) accumulate. The report is then assembled from the summary and the
two temporary files. In the browser, page texts sit in collapsed ``<details>`` with
``content-visibility`` so that a report of 1,000+ pages opens and sorts quickly.

Every string that comes from a page (text, URL, path, even messages) is hostile input and is
escaped; links are only made from http(s) URLs.
"""

from __future__ import annotations

import itertools
import os
import re
import statistics
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path, PurePosixPath
from typing import IO
from urllib.parse import urlsplit

from selkeys.explain import rule_doc
from selkeys.messages import LANGS, cap, for_text, text
from selkeys.rules.schema import Rule, load_rules
from selkeys.score import HARD_SENTENCE_BELOW, band_label, label

SEVERITIES = ("error", "warning", "info", "hint")
EXAMPLES_PER_RULE = 3
SNIPPET_CONTEXT = 60  # characters of block text shown on each side of an example finding
HARDEST_SENTENCES = 3  # a page's hardest sentences listed above its text: where to start rewriting
QUOTE_LIMIT = 300  # characters of a listed sentence; text without full stops can make one "sentence" of a page
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_VERSION_MARK = "<!--selkeys-version "  # a line in the page file resolved at assembly time


class ReportError(Exception):
    """The report cannot be written (bad record, unwritable path); the message says why."""


def _e(value: object) -> str:
    """Escape for HTML text and attributes; control characters (invalid in HTML) become U+FFFD."""
    return escape(_CONTROL.sub("\ufffd", str(value)), quote=True)


def _web_link(url: object) -> str | None:
    """``url`` if it is safe to link to (http or https), else None: page data is hostile."""
    if not isinstance(url, str):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def section_of(record: dict) -> str:
    """The record's site section, else the first folder of its URL path or file path ("" = top)."""
    section = record.get("section")
    if isinstance(section, str):
        return section
    location = record.get("url") or record.get("path") or ""
    path = urlsplit(location).path if _web_link(location) else str(location)
    parts = [p for p in PurePosixPath(path.replace("\\", "/")).parts if p not in ("/", ".", "..")]
    return parts[0] if len(parts) > 1 else ""


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _score_of(entry: object) -> float | None:
    return _number(entry.get("score")) if isinstance(entry, dict) else None


def _band_of(entry: object) -> str:
    """The band the linter gave (reports serialise results, they never re-score)."""
    band = entry.get("band") if isinstance(entry, dict) else None
    return band if isinstance(band, str) else ""


@dataclass
class _RuleStats:
    message: str  # the first finding's, naming a rule the report has no documentation for
    severity: str
    count: int = 0
    pages: int = 0
    last_page: int = -1
    examples: list[tuple[int, str, str, str, str]] = field(default_factory=list)  # page, label, before, hit, after


@dataclass
class _SectionStats:
    pages: int = 0
    findings: int = 0
    scores: list[float] = field(default_factory=list)


@dataclass
class Summary:
    """What the report says about the whole run; small whatever the number of pages."""

    lang: str  # the language the report is written in
    pages: int = 0
    errors: int = 0
    words: int = 0
    findings: Counter = field(default_factory=Counter)  # by severity
    scores: dict[str, list[float]] = field(default_factory=dict)  # per text language, one per page
    sections: dict[str, _SectionStats] = field(default_factory=dict)
    rules: dict[str, _RuleStats] = field(default_factory=dict)
    page_ids: dict[str, str] = field(default_factory=dict)  # url or path -> element id


class _Page:
    """One record, read defensively: a field of the wrong type is treated as missing."""

    def __init__(self, record: object, number: int) -> None:
        if not isinstance(record, dict):
            raise ReportError(f"record {number}: expected a JSON object, got {type(record).__name__}")
        self.record = record
        self.number = number
        self.id = f"p{number}"
        self.location = str(record.get("url") or record.get("path") or f"#{number}")
        self.error = record.get("error") if isinstance(record.get("error"), str) else None
        self.skipped = record.get("skipped") if isinstance(record.get("skipped"), str) else None
        status = record.get("status")
        self.status = status if isinstance(status, int) and not isinstance(status, bool) else None
        self.score = _score_of(record.get("score"))
        by_language = record.get("by_language")
        self.by_language = by_language if isinstance(by_language, dict) else {}
        blocks = record.get("blocks")
        self.blocks = [b for b in blocks if isinstance(b, dict)] if isinstance(blocks, list) else []
        findings = record.get("findings")
        self.findings = [f for f in findings if isinstance(f, dict)] if isinstance(findings, list) else []
        paragraphs = record.get("paragraphs")
        self.paragraphs = {p["index"]: p for p in paragraphs
                           if isinstance(p, dict) and isinstance(p.get("index"), int)} \
            if isinstance(paragraphs, list) else {}
        languages = record.get("languages")
        self.languages = [str(k) for k in languages] if isinstance(languages, dict) else []
        self.title = self._title()

    def _title(self) -> str | None:
        """What a person calls the page: its <title>, else its first heading (a Markdown or
        Word file), else None (then the page goes by its address)."""
        title = self.record.get("title")
        if not isinstance(title, str) or not title.strip():
            title = next((b.get("text") for b in self.blocks if b.get("kind") == "heading"
                          and isinstance(b.get("text"), str) and b["text"].strip()), None)
        return " ".join(title.split())[:200] if title else None

    @property
    def label(self) -> str:
        """The page's title, else its address."""
        return self.title or self.location

    def words(self) -> int:
        total = 0
        for report in self.by_language.values():
            measures = report.get("measures") if isinstance(report, dict) else None
            if isinstance(measures, dict):
                total += int(_number(measures.get("words")) or 0)
        return total

    def block_text(self, index: object) -> str | None:
        if isinstance(index, int) and 0 <= index < len(self.blocks):
            text = self.blocks[index].get("text")
            return text if isinstance(text, str) else None
        return None

    def span(self, finding: dict) -> tuple[int, int] | None:
        """The finding's span in its block's text, clipped; None when it has no usable span."""
        return self._clip(finding.get("block"), finding.get("block_start"), finding.get("block_end"))

    def _clip(self, index: object, start: object, end: object) -> tuple[int, int] | None:
        """(start, end) clipped to block ``index``'s text; None when the block or either offset is
        unusable or nothing is left: record data is not trusted to fit the text."""
        text = self.block_text(index)
        if text is None or not isinstance(start, int) or not isinstance(end, int):
            return None
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        return (start, end) if start < end else None

    def hardest_sentences(self) -> list[tuple[float, int, str, dict]]:
        """(score, block, text, sentence) of the page's sentences scoring below ``HARD_SENTENCE_BELOW``,
        hardest first, at most ``HARDEST_SENTENCES``; sentences without a usable block span
        (records written before sentences had one) are left out rather than guessed."""
        found = []
        for index, paragraph in self.paragraphs.items():
            sentences = paragraph.get("sentences")
            for sentence in sentences if isinstance(sentences, list) else []:
                value = _score_of(sentence)
                if value is None or value >= HARD_SENTENCE_BELOW:
                    continue
                span = self._clip(index, sentence.get("block_start"), sentence.get("block_end"))
                if span:
                    found.append((value, index, span, sentence))
        found.sort(key=lambda f: f[:3])
        return [(value, index, self.block_text(index)[start:end], sentence)
                for value, index, (start, end), sentence in found[:HARDEST_SENTENCES]]


class _Writer:
    """Renders one report: its headings and summaries in ``lang``, each paragraph's score and
    findings in the language of the paragraph's text unless the user chose one (``override``)."""

    def __init__(self, lang: str, override: str | None, rules: dict[str, Rule]) -> None:
        self.lang = lang if lang in LANGS else "en"  # a language not offered gets English, as text() does
        self.override = override if override is None or override in LANGS else "en"
        self.rules = rules

    def t(self, key: str, lang: str | None = None) -> str:
        """The report's text ``key`` in ``lang`` (default: the report's language)."""
        return text(f"report.{key}", lang or self.lang)

    def text_lang(self, text_lang: object) -> str:
        """The language to speak about a paragraph whose text is in ``text_lang``."""
        return for_text(self.override, text_lang if isinstance(text_lang, str) else None)

    def band(self, band: object, lang: str | None = None) -> str:
        return band_label(str(band or ""), lang or self.lang)

    def pulled_down(self, score: dict, lang: str) -> str:
        """The "; pulled down by: ..." tail of a score: the three measures that cost it the most
        points (escaped HTML), empty when none did. Paragraphs and sentences share it, so both
        levels name what made the text hard in the same words."""
        drivers = score.get("drivers")
        lost = ", ".join(f"{_e(label(str(d.get('measure')), lang))} −{_number(d.get('points')) or 0:.0f}"
                         for d in (drivers if isinstance(drivers, list) else [])[:3] if isinstance(d, dict))
        return f"; {_e(text('score.drivers', lang))}: {lost}" if lost else ""

    # -- per page --------------------------------------------------------------------------------
    def reason(self, page: _Page) -> str:
        """Why a page has no score, in words: it could not be read (with its HTTP status), or it
        was skipped (robots.txt, not HTML); empty when it was checked."""
        if page.error:
            status = f" (HTTP {page.status})" if page.status and f"HTTP {page.status}" not in page.error else ""
            return f"{self.t('page_error')}: {page.error}{status}"
        if page.skipped:
            if page.skipped.startswith("disallowed by robots.txt"):
                return self.t("skipped_robots")
            if page.skipped.startswith("not HTML ("):
                return text("report.skipped_not_html", self.lang, type=page.skipped[len("not HTML ("):].split(")")[0])
            return text("report.skipped", self.lang, note=page.skipped)
        return ""

    def _name(self, page: _Page) -> str:
        """The page's title as a link to its details, its address under it (when it has a title)."""
        link = f'<a href="#{page.id}">{_e(page.label)}</a>'
        return link + (f'<br><span class="loc">{_e(page.location)}</span>' if page.title else "")

    def row(self, page: _Page) -> str:
        counts = Counter(str(f.get("severity")) for f in page.findings)
        score = "" if page.score is None else f"{page.score:.0f}"
        band = self.band(_band_of(page.record.get("score"))) if page.score is not None else self.reason(page)
        cells = [f'<td data-value="{_e(page.label)}">{self._name(page)}</td>',
                 f"<td>{_e(' '.join(page.languages))}</td>",
                 f'<td class="num" data-value="{score}">{score}</td>',
                 f'<td data-value="{"" if page.score is None else f"{page.score:.1f}"}">{_e(band)}</td>']
        cells += [f'<td class="num" data-value="{counts[s]}">{counts[s]}</td>' for s in SEVERITIES]
        cells.append(f'<td class="num" data-value="{page.words()}">{page.words()}</td>')
        return "<tr>" + "".join(cells) + "</tr>\n"

    def page(self, page: _Page) -> Iterator[str]:
        """The page's collapsed details: scores, versions, text blocks with highlighted findings."""
        score = f" – {page.score:.0f}/100" if page.score is not None else ""
        address = f' <span class="loc">{_e(page.location)}</span>' if page.title else ""
        yield (f'<details class="page" id="{page.id}"><summary><span class="title">{_e(page.label)}</span>'
               f"{score}{address}</summary>\n")
        link = _web_link(page.record.get("final_url") or page.record.get("url"))
        if link:
            yield f'<p><a href="{_e(link)}" rel="noopener noreferrer">{_e(link)}</a></p>\n'
        if page.error or page.skipped:
            yield f'<p class="{"error" if page.error else "note"}">{_e(self.reason(page))}</p>\n'
        yield from self._versions(page)
        if page.by_language:
            parts = []
            for lang, report in page.by_language.items():
                score = report.get("score") if isinstance(report, dict) else None
                value = _score_of(score)
                if value is not None:
                    parts.append(f"{_e(lang)}: {value:.0f}/100 ({_e(self.band(_band_of(score)))})")
            if parts:
                yield f'<p class="scores">{_e(cap(text("score.name", self.lang)))}: {" · ".join(parts)}</p>\n'
        by_block: dict[int, list[tuple[int, dict]]] = {}
        loose: list[tuple[int, dict]] = []
        for n, finding in enumerate(page.findings):
            index = finding.get("block")
            (by_block.setdefault(index, []) if page.block_text(index) is not None else loose).append((n, finding))
        yield self._hardest(page)
        if not page.blocks and not page.error and not page.skipped:
            yield f'<p class="muted">{_e(self.t("no_text"))}</p>\n'
        for index, block in enumerate(page.blocks):
            yield self._block(page, index, block, by_block.get(index, []))
        if loose:
            yield f'<h3>{_e(self.t("outside_text"))}</h3>\n{self._explanations(page, loose)}'
        yield "</details>\n"

    def _versions(self, page: _Page) -> Iterator[str]:
        versions = page.record.get("lang_versions")
        if not isinstance(versions, dict) or not versions:
            return
        yield f'<p class="versions">{_e(self.t("other_versions"))}:\n'
        for lang, url in versions.items():
            if isinstance(url, str):
                # resolved when the report is assembled: by then every page's id is known
                yield f"{_VERSION_MARK}{_e(lang)} {_e(url)}-->\n"
        yield "</p>\n"

    def version_link(self, mark: str, page_ids: dict[str, str]) -> str:
        lang, _, url = mark[len(_VERSION_MARK):].rstrip().removesuffix("-->").partition(" ")
        url = unescape(url)
        links = []
        if url in page_ids:
            links.append(f'<a href="#{page_ids[url]}">{_e(self.t("in_report"))}</a>')
        if _web_link(url):
            links.append(f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(self.t("original"))}</a>')
        return f'<span class="version" lang="{lang}">{lang}: {" / ".join(links) or _e(url)}</span>\n'

    def _hardest(self, page: _Page) -> str:
        """The page's hardest sentences, quoted, each with its score, what made it hard and a
        link to its block; nothing when every sentence reads at least fairly clear."""
        hardest = page.hardest_sentences()
        if not hardest:
            return ""
        items = []
        for value, index, sentence_text, sentence in hardest:
            quote = sentence_text if len(sentence_text) <= QUOTE_LIMIT else sentence_text[:QUOTE_LIMIT].rstrip() + "…"
            lang = page.paragraphs[index].get("lang")
            lang_attr = f' lang="{lang}"' if lang in ("fi", "sv") else ""
            told = self.text_lang(lang)
            items.append(f'<li><q{lang_attr}>{_e(quote)}</q> <span class="pscore">{value:.0f}/100 '
                         f"({_e(self.band(_band_of(sentence), told))}){self.pulled_down(sentence, told)}</span> "
                         f'<a href="#{page.id}-b{index}">{_e(self.t("show_in_text"))}</a></li>')
        return (f'<h3 id="{page.id}-hard">{_e(self.t("hardest_sentences"))}</h3>\n'
                f'<ol class="hardest" aria-labelledby="{page.id}-hard">{"".join(items)}</ol>\n')

    def _block(self, page: _Page, index: int, block: dict, findings: list[tuple[int, dict]]) -> str:
        text = block.get("text") if isinstance(block.get("text"), str) else ""
        paragraph = page.paragraphs.get(index) or {}
        lang = paragraph.get("lang") if paragraph.get("lang") in ("fi", "sv") else None
        kind = block.get("kind") if isinstance(block.get("kind"), str) else "paragraph"
        tag = "h3" if kind == "heading" else "p"
        spans = [(span, n, f) for n, f in findings if (span := page.span(f))]
        body = self._highlight(page, text, spans)
        lang_attr = f' lang="{lang}"' if lang else ""
        html = [f'<div class="block" id="{page.id}-b{index}"><{tag} class="text"{lang_attr}>{body}</{tag}>']
        value = _score_of(paragraph.get("score"))
        if value is not None:
            told = self.text_lang(lang)
            html.append(f'<p class="pscore">{_e(self.t("paragraph_score", told))} {value:.0f}/100 '
                        f"({_e(self.band(_band_of(paragraph['score']), told))})"
                        f"{self.pulled_down(paragraph['score'], told)}</p>")
        if findings:
            html.append(self._explanations(page, findings))
        html.append("</div>\n")
        return "".join(html)

    def _highlight(self, page: _Page, text: str, spans: list[tuple[tuple[int, int], int, dict]]) -> str:
        """The block text with each stretch covered by findings in one ``<mark>`` that names
        them (title) and points at their explanations (aria-describedby); overlaps split."""
        if not spans:
            return _e(text)
        cuts = sorted({0, len(text)} | {s for (s, _), _, _ in spans} | {e for (_, e), _, _ in spans})
        # one sweep over the cuts, keeping the spans open at each (not every span per stretch:
        # a long paragraph has thousands of each)
        opening: dict[int, list[int]] = {}
        closing: dict[int, list[int]] = {}
        for i, ((s, e), _, _) in enumerate(spans):
            opening.setdefault(s, []).append(i)
            closing.setdefault(e, []).append(i)
        open_spans: set[int] = set()
        out = []
        for a, b in zip(cuts, cuts[1:]):
            open_spans.update(opening.get(a, ()))
            open_spans.difference_update(closing.get(a, ()))  # after opening: empty spans never cover
            covering = [spans[i][1:] for i in sorted(open_spans)]
            piece = _e(text[a:b])
            if not covering:
                out.append(piece)
                continue
            worst = min((SEVERITIES.index(f.get("severity")) if f.get("severity") in SEVERITIES else 3)
                        for _, f in covering)
            title = "\n".join(f"{f.get('code', '')}: {f.get('message', '')}" for _, f in covering)
            ids = " ".join(f"{page.id}-f{n}" for n, _ in covering)
            codes = " ".join(str(f.get("code", "")) for _, f in covering)
            out.append(f'<mark class="sev-{SEVERITIES[worst]}" title="{_e(title)}" aria-describedby="{ids}" '
                       f'data-codes="{_e(codes)}">{piece}</mark>')
        return "".join(out)

    def _explanations(self, page: _Page, findings: list[tuple[int, dict]]) -> str:
        """Each finding in the language it was reported in: its paragraph's, else the page's."""
        items = []
        for n, f in findings:
            code = str(f.get("code", ""))
            severity = str(f.get("severity", ""))
            paragraph = page.paragraphs.get(f.get("block")) or {}
            told = self.text_lang(paragraph.get("lang") or _main_lang(page.record))
            suggestions = [s.get("text") for s in f.get("suggestions") or [] if isinstance(s, dict) and s.get("text")]
            hint = (f' <span class="sugg">{_e(text("suggestion.label", told))}: '
                    f'{_e("; ".join(map(str, suggestions)))}</span>') if suggestions else ""
            items.append(f'<li id="{page.id}-f{n}" class="sev-{_e(severity)}"><a class="code" href="#rule-{_e(code)}">'
                         f"{_e(code)}</a> <span class=\"sev\">{_e(self.severity(severity, told))}</span> "
                         f"{_e(f.get('message', ''))}{hint}</li>")
        return f'<ol class="findings">{"".join(items)}</ol>'

    @staticmethod
    def severity(severity: str, lang: str) -> str:
        """A severity's name in ``lang``; a value the report does not know is shown as it is."""
        return text(f"severity.{severity}", lang) if severity in SEVERITIES else severity

    # -- summary --------------------------------------------------------------------------------
    def summary(self, s: Summary) -> str:
        total = sum(s.findings.values())
        facts = [(self.t("pages"), s.pages), (self.t("words"), s.words), (self.t("findings"), total),
                 (self.t("errors"), s.errors)]
        html = [f'<section aria-labelledby="summary-h"><h2 id="summary-h">{_e(self.t("summary"))}</h2>',
                '<dl class="facts">']
        html += [f"<div><dt>{_e(k)}</dt><dd>{v}</dd></div>" for k, v in facts]
        html.append("</dl>")
        if s.scores:
            html.append(f'<table class="plain"><thead><tr><th scope="col">{_e(self.t("language"))}</th>'
                        f'<th scope="col">{_e(self.t("pages"))}</th><th scope="col">{_e(self.t("mean"))}</th>'
                        f'<th scope="col">{_e(self.t("median"))}</th></tr></thead><tbody>')
            for lang, scores in sorted(s.scores.items()):
                html.append(f'<tr><th scope="row">{_e(lang)}</th><td class="num">{len(scores)}</td>'
                            f'<td class="num">{statistics.fmean(scores):.1f}</td>'
                            f'<td class="num">{statistics.median(scores):.1f}</td></tr>')
            html.append("</tbody></table>")
        html.append("</section>\n")
        return "".join(html)

    def chart(self, s: Summary) -> str:
        """A histogram of page scores in ten-point bins, one bar per language, as inline SVG,
        with both axes named (score across, number of pages up)."""
        langs = sorted(s.scores)
        bins = {lang: [0] * 10 for lang in langs}
        for lang in langs:
            for value in s.scores[lang]:
                bins[lang][min(9, int(value // 10))] += 1
        top = max([1] + [c for counts in bins.values() for c in counts])
        width, height, left, bottom, top_pad = 660, 260, 56, 48, 10
        slot = (width - left - 10) / 10
        bar = (slot - 8) / max(1, len(langs))
        colours = ("#0b4f8a", "#c0620f", "#4a7f2c", "#7a3e9d")
        parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
                 f'aria-labelledby="chart-title chart-desc"><title id="chart-title">{_e(self.t("distribution"))}</title>']
        desc = "; ".join(f"{i * 10}–{i * 10 + 9 if i < 9 else 100}: " +
                         ", ".join(f"{lang} {bins[lang][i]}" for lang in langs) for i in range(10))
        parts.append(f'<desc id="chart-desc">{_e(self.t("distribution_desc"))} {_e(desc)}</desc>')
        plot = height - bottom - top_pad
        for tick in sorted({0, top // 2, top}):
            y = top_pad + plot - plot * tick / top
            parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                         f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
        for i in range(10):
            x0 = left + i * slot + 4
            for j, lang in enumerate(langs):
                count = bins[lang][i]
                h = plot * count / top
                parts.append(f'<rect class="bar" data-lang="{_e(lang)}" data-bin="{i}" data-count="{count}" '
                             f'x="{x0 + j * bar:.1f}" y="{top_pad + plot - h:.1f}" width="{bar:.1f}" '
                             f'height="{h:.1f}" fill="{colours[j % len(colours)]}"><title>{_e(lang)} '
                             f"{i * 10}–{i * 10 + 9 if i < 9 else 100}: {count}</title></rect>")
            parts.append(f'<text x="{x0 + (slot - 8) / 2:.1f}" y="{top_pad + plot + 16}" text-anchor="middle">'
                         f"{i * 10}</text>")
        parts.append(f'<text class="axis-label" x="{left + (width - 10 - left) / 2:.1f}" y="{height - 6}" '
                     f'text-anchor="middle">{_e(cap(text("score.name", self.lang)))}</text>')
        parts.append(f'<text class="axis-label" x="14" y="{top_pad + plot / 2:.1f}" text-anchor="middle" '
                     f'transform="rotate(-90 14 {top_pad + plot / 2:.1f})">{_e(self.t("pages"))}</text>')
        parts.append("</svg>")
        legend = "".join(f'<li><span class="swatch" style="background:{colours[j % len(colours)]}"></span>{_e(lang)}</li>'
                         for j, lang in enumerate(langs))
        return (f'<section aria-labelledby="dist-h"><h2 id="dist-h">{_e(self.t("distribution"))}</h2>'
                f'{"".join(parts)}<ul class="legend">{legend}</ul></section>\n')

    def sections(self, s: Summary) -> str:
        html = [f'<section aria-labelledby="sect-h"><h2 id="sect-h">{_e(self.t("by_section"))}</h2>',
                f'<table class="plain"><thead><tr><th scope="col">{_e(self.t("section"))}</th>'
                f'<th scope="col">{_e(self.t("pages"))}</th><th scope="col">{_e(self.t("mean"))}</th>'
                f'<th scope="col">{_e(self.t("median"))}</th><th scope="col">{_e(self.t("findings_per_page"))}</th>'
                "</tr></thead><tbody>"]
        for name, st in sorted(s.sections.items(), key=lambda kv: (-kv[1].pages, kv[0])):
            mean = statistics.fmean(st.scores) if st.scores else None
            bar = f'<span class="bar" style="width:{mean:.0f}%"></span>' if mean is not None else ""
            html.append(f'<tr><th scope="row">{_e(name or self.t("site_root"))}</th><td class="num">{st.pages}</td>'
                        f'<td class="num meter">{bar}<span>{"–" if mean is None else f"{mean:.1f}"}</span></td>'
                        f'<td class="num">{"–" if not st.scores else f"{statistics.median(st.scores):.1f}"}</td>'
                        f'<td class="num">{st.findings / st.pages:.1f}</td></tr>')
        html.append("</tbody></table></section>\n")
        return "".join(html)

    def rules_section(self, s: Summary) -> str:
        html = [f'<section aria-labelledby="rules-h"><h2 id="rules-h">{_e(self.t("frequent_rules"))}</h2>']
        for code, st in sorted(s.rules.items(), key=lambda kv: (-kv[1].count, kv[0])):
            rule = self.rules.get(code)
            doc = rule_doc(rule, self.lang) if rule else None
            html.append(f'<article class="rule" id="rule-{_e(code)}"><h3><span class="code">{_e(code)}</span> '
                        f'{_e(doc.catches if doc else st.message)}</h3><p class="meta">{_e(self.t("count"))}: '
                        f'{st.count} · {st.pages} {_e(self.t("on_page_one" if st.pages == 1 else "on_pages"))} · '
                        f'{_e(self.severity(st.severity, self.lang))}</p>')
            if doc:
                html.append(f'<p><strong>{_e(self.t("why"))}:</strong> <span lang="{doc.why_lang}">{_e(doc.why)}</span></p>')
            if st.examples:
                html.append(f'<p class="sub">{_e(self.t("examples"))}:</p><ul class="snippets">')
                for page_n, where, before, hit, after in st.examples:
                    html.append(f'<li><q>{_e(before)}<mark>{_e(hit)}</mark>{_e(after)}</q> '
                                f'<a href="#p{page_n}">{_e(where)}</a></li>')
                html.append("</ul>")
            html.append("</article>")
        html.append("</section>\n")
        return "".join(html)

    def table_head(self) -> str:
        columns = [(self.t("page"), "text"), (self.t("language"), "text"),
                   (cap(text("score.name", self.lang)), "number"), (self.t("band"), "number")]
        columns += [(self.t(f"sev_{s}"), "number") for s in SEVERITIES] + [(self.t("words"), "number")]
        heads = "".join(f'<th scope="col" data-type="{kind}"><button type="button">{_e(name)}</button></th>'
                        for name, kind in columns)
        return (f'<section aria-labelledby="table-h"><h2 id="table-h">{_e(self.t("page_table"))}</h2>'
                f'<p class="muted">{_e(self.t("sort_hint"))}</p><div class="scroll pages-box"><table class="sortable" '
                f'id="pages"><thead><tr>{heads}</tr></thead><tbody>\n')


def _accumulate(summary: Summary, page: _Page) -> None:
    summary.pages += 1
    summary.errors += bool(page.error)
    summary.words += page.words()
    summary.page_ids.setdefault(page.location, page.id)
    if isinstance(page.record.get("final_url"), str):
        summary.page_ids.setdefault(page.record["final_url"], page.id)
    for lang, report in page.by_language.items():
        value = _score_of(report.get("score") if isinstance(report, dict) else None)
        if value is not None:
            summary.scores.setdefault(str(lang), []).append(value)
    section = summary.sections.setdefault(section_of(page.record), _SectionStats())
    section.pages += 1
    section.findings += len(page.findings)
    if page.score is not None:
        section.scores.append(page.score)
    for finding in page.findings:
        code = str(finding.get("code", ""))
        summary.findings[str(finding.get("severity"))] += 1
        st = summary.rules.setdefault(code, _RuleStats(str(finding.get("message", "")),
                                                       str(finding.get("severity", ""))))
        st.count += 1
        if st.last_page != page.number:
            st.pages, st.last_page = st.pages + 1, page.number
        span = page.span(finding)
        if span and len(st.examples) < EXAMPLES_PER_RULE and all(e[0] != page.number for e in st.examples):
            text = page.block_text(finding.get("block")) or ""
            start, end = span
            before = text[max(0, start - SNIPPET_CONTEXT):start]
            after = text[end:end + SNIPPET_CONTEXT]
            before = ("…" + before) if start > SNIPPET_CONTEXT else before
            after = (after + "…") if end + SNIPPET_CONTEXT < len(text) else after
            st.examples.append((page.number, page.label, before, text[start:end], after))


_CSS = """
:root { --fg:#1d1d1f; --muted:#555; --line:#d0d0d7; --accent:#0b4f8a; }
* { box-sizing:border-box; }
body { margin:0; font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif; color:var(--fg); }
header, main { max-width:72rem; margin:0 auto; padding:0 1.25rem; }
a { color:var(--accent); }
:focus-visible { outline:3px solid #f3b300; outline-offset:2px; }
.facts { display:flex; flex-wrap:wrap; gap:1rem 2.5rem; margin:0 0 1rem; }
.facts dt { color:var(--muted); font-size:.85rem; } .facts dd { margin:0; font-size:1.6rem; font-weight:600; }
table { border-collapse:collapse; margin:.5rem 0 1rem; }
th, td { border-bottom:1px solid var(--line); padding:.3rem .6rem; text-align:left; vertical-align:top; }
td.num { text-align:right; font-variant-numeric:tabular-nums; }
.meter { position:relative; min-width:8rem; } .meter .bar { position:absolute; left:0; top:25%; height:50%;
  background:#cfe0f1; z-index:-1; }
.scroll { overflow-x:auto; } .pages-box { max-height:32rem; overflow-y:auto; border:1px solid var(--line); }
.pages-box thead th { position:sticky; top:0; background:#fff; z-index:1; }
.chart .axis-label { font-size:12px; fill:var(--fg); }
.loc { color:var(--muted); font-size:.85rem; word-break:break-all; } .note { color:var(--muted); }
th button { font:inherit; font-weight:600; border:0; background:none; padding:0; cursor:pointer; color:inherit; }
th[aria-sort=ascending] button::after { content:" ▲"; } th[aria-sort=descending] button::after { content:" ▼"; }
.chart text { font-size:11px; fill:var(--muted); } .chart .grid { stroke:var(--line); }
.legend { list-style:none; display:flex; gap:1.5rem; padding:0; }
.swatch { display:inline-block; width:.9rem; height:.9rem; margin-right:.35rem; vertical-align:-2px; }
.rule { border-top:1px solid var(--line); } .rule h3 { margin:.6rem 0 .2rem; font-size:1.05rem; }
.code { font-family:ui-monospace,"DejaVu Sans Mono",monospace; }
.meta, .muted, .pscore { color:var(--muted); font-size:.9rem; }
details.page { border-top:1px solid var(--line); padding:.35rem 0; content-visibility:auto;
  contain-intrinsic-size:auto 2.2rem; }
details.page summary { cursor:pointer; } details.page summary .title { font-weight:600; }
mark { background:#fde68a; color:inherit; } mark.sev-error { background:#fca5a5; } mark.sev-warning { background:#fdba74; }
mark.sev-hint { background:#e5e7eb; }
.hardest { margin:.2rem 0 .8rem; } .hardest li { margin:.2rem 0; }
.block:target { outline:2px solid var(--accent); outline-offset:4px; }
.block { margin:.6rem 0 .9rem; } .block .text { margin:.2rem 0; white-space:pre-wrap; }
.block h3.text { font-size:1.05rem; }
.findings { margin:.2rem 0; font-size:.9rem; } .sev { color:var(--muted); } .error { color:#9b1c1c; }
.version { margin-right:1rem; }
"""

_SCRIPT = """
(function () {
  function value(row, col) { return row.cells[col].getAttribute('data-value') || row.cells[col].textContent; }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      th.querySelector('button').addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var numeric = th.getAttribute('data-type') === 'number';
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = value(a, col), y = value(b, col);
          if (numeric) {
            x = x === '' ? NaN : parseFloat(x); y = y === '' ? NaN : parseFloat(y);
            if (isNaN(x) || isNaN(y)) { return isNaN(x) - isNaN(y); }
            return ascending ? x - y : y - x;
          }
          return ascending ? x.localeCompare(y) : y.localeCompare(x);
        });
        var fragment = document.createDocumentFragment();
        rows.forEach(function (row) { fragment.appendChild(row); });
        body.appendChild(fragment);
      });
    });
  });
  function openTarget() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var details = target && target.closest('details');
    if (details) { details.open = true; target.scrollIntoView(); }
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();
})();
"""


def _main_lang(record: object) -> str | None:
    """A record's main language: the first of its ``by_language`` (None when nothing was scored)."""
    by_language = record.get("by_language") if isinstance(record, dict) else None
    return next(iter(by_language), None) if isinstance(by_language, dict) else None


def write_report(records: Iterable[dict], out_path: str | os.PathLike, *, message_lang: str | None = None,
                 title: str | None = None, rules: list[Rule] | None = None) -> Summary:
    """Write the report of ``records`` (read once, in order) to ``out_path``; returns the summary.

    The report speaks ``message_lang`` when the user chose one; else its headings and summaries
    are in the main language of the first page (the start page of a crawl, the first file) and
    each paragraph's score and findings in the paragraph's language. The file appears only when
    complete (written beside it, then renamed)."""
    out = Path(out_path)
    records = iter(records)
    first = next(records, None)
    if first is not None:
        records = itertools.chain([first], records)
    writer = _Writer(for_text(message_lang, _main_lang(first)), message_lang,
                     {r.code: r for r in (load_rules() if rules is None else rules)})
    summary = Summary(writer.lang)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=out.parent, prefix=".selkeys-report-") as tmp:
            rows_path, pages_path = Path(tmp) / "rows.html", Path(tmp) / "pages.html"
            with open(rows_path, "w", encoding="utf-8") as rows, open(pages_path, "w", encoding="utf-8") as pages:
                for number, record in enumerate(records, 1):
                    page = _Page(record, number)
                    _accumulate(summary, page)
                    rows.write(writer.row(page))
                    pages.writelines(writer.page(page))
            partial = Path(tmp) / "report.html"
            with open(partial, "w", encoding="utf-8") as fh:
                _assemble(fh, writer, summary, title or writer.t("title"), rows_path, pages_path)
            os.replace(partial, out)
    except OSError as exc:
        raise ReportError(f"{exc.filename or out}: cannot write the report ({exc.strerror})") from None
    return summary


def _assemble(fh: IO[str], writer: _Writer, summary: Summary, title: str, rows: Path, pages: Path) -> None:
    fh.write(f'<!DOCTYPE html>\n<html lang="{writer.lang}">\n<head>\n<meta charset="utf-8">\n'
             f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{_e(title)}</title>\n'
             f"<style>{_CSS}</style>\n</head>\n<body>\n<header><h1>{_e(title)}</h1></header>\n<main>\n")
    fh.write(writer.summary(summary))
    # the pages come right after the summary: a reader looks for their own page first, and a
    # long table scrolls in its own box so the charts and rules below stay within reach
    fh.write(writer.table_head())
    with open(rows, encoding="utf-8") as src:
        for line in src:
            fh.write(line)
    fh.write("</tbody></table></div></section>\n")
    if summary.scores:
        fh.write(writer.chart(summary))
    fh.write(writer.sections(summary))
    if summary.rules:
        fh.write(writer.rules_section(summary))
    fh.write(f'<section aria-labelledby="pages-h"><h2 id="pages-h">{_e(writer.t("page_details"))}</h2>\n')
    with open(pages, encoding="utf-8") as src:
        for line in src:
            fh.write(writer.version_link(line, summary.page_ids) if line.startswith(_VERSION_MARK) else line)
    fh.write(f"</section>\n</main>\n<script>{_SCRIPT}</script>\n</body>\n</html>\n")
