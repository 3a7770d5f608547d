"""The rule handbook: a static site and one single-file HTML page, built from the rule packs.

Every rule's words come from its YAML entry through `selkeys.explain.rule_doc` (the same
sections `selkeys explain` prints and the editor hover shows); the handbook's own words (its
headings, the categories, the measures and score bands in plain words) are the message
catalogue's, with the anchors, weights and band limits read from `selkeys.score` at build
time, so recalibrating the score never leaves the handbook stale.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import Path

from selkeys import __version__
from selkeys.explain import RuleDoc, rule_doc
from selkeys.messages import LANGS, cap, catalogue, decimal, text
from selkeys.rules.schema import CATEGORIES, Rule
from selkeys.score import BANDS, COMPONENTS, band_label, label

PACK_LANGS = ("fi", "sv")
SINGLE_FILE = "handbook.html"
STYLESHEET = "style.css"
METRICS_PAGE = "metrics.html"


class HandbookError(Exception):
    """A handbook that cannot be built or written; the message says why."""


def ui(key: str, lang: str) -> str:
    """An interface word or phrase of the handbook in ``lang``."""
    return text(f"handbook.{key}", lang)


def category_page(lang: str, category: str) -> str:
    """File name (and, in the single file, anchor) of one pack's category."""
    return f"{lang}-{category}.html"


def category_anchor(lang: str, category: str) -> str:
    return f"{lang}-{category}"


_CSS = """
:root { --fg: #1d1d1f; --muted: #555; --line: #d0d0d7; --bad: #9b1c1c; --good: #1b5e20; --accent: #0b4f8a; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: #fff; }
header, main, footer { max-width: 56rem; margin: 0 auto; padding: 0 1.25rem; }
header { border-bottom: 1px solid var(--line); padding-top: .75rem; padding-bottom: .75rem; }
header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: 0; padding: 0; }
footer { color: var(--muted); font-size: .875rem; border-top: 1px solid var(--line); padding-top: .75rem; padding-bottom: 2rem; margin-top: 3rem; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid #f3b300; outline-offset: 2px; }
h1 { font-size: 1.9rem; line-height: 1.2; }
.rule { border-top: 1px solid var(--line); padding-top: .5rem; margin-top: 1.5rem; }
.rule h3, .rule h4, .rule h5 { margin-bottom: .25rem; }
.code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.meta { color: var(--muted); margin-top: 0; }
.examples { list-style: none; padding-left: 0; }
.examples li { padding: .15rem 0 .15rem 1.6rem; position: relative; }
.examples li::before { position: absolute; left: .2rem; font-weight: bold; }
.bad li::before { content: "✗"; color: var(--bad); }
.good li::before { content: "✓"; color: var(--good); }
.toc ul { padding-left: 1.25rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .25rem .6rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
"""


class _Links:
    """Where a category, rule or the metrics live: separate pages on the site, anchors in the single file."""

    def __init__(self, single: bool) -> None:
        self.single = single

    def category(self, lang: str, category: str) -> str:
        return f"#{category_anchor(lang, category)}" if self.single else category_page(lang, category)

    def rule(self, doc: RuleDoc) -> str:
        return f"#{doc.code}" if self.single else f"{category_page(doc.text_lang, doc.category)}#{doc.code}"

    def metrics(self) -> str:
        return "#metrics" if self.single else METRICS_PAGE


def _h(level: int, text: str, **attrs: str) -> str:
    level = min(level, 6)
    extra = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    return f"<h{level}{extra}>{text}</h{level}>"


def rule_html(doc: RuleDoc, level: int = 3) -> str:
    """One rule's documentation as an HTML section with the stable anchor ``#CODE``, headed by
    what the rule catches; examples carry the language of the text they show (fi or sv), the
    why-text its own language."""
    h = doc.head
    parts = [
        f'<section class="rule" id="{escape(doc.code)}" aria-labelledby="{escape(doc.code)}-title">',
        _h(level, f'<a class="code" href="#{escape(doc.code)}">{escape(doc.code)}</a> {escape(doc.catches)}',
           id=f"{doc.code}-title"),
        f'<p class="meta">{escape(h.severity)}: {escape(doc.severity)} · {escape(h.profiles)}: '
        f'{escape(", ".join(doc.profiles))}</p>',
        _h(level + 1, escape(h.why)), f'<p lang="{doc.why_lang}">{escape(doc.why)}</p>',
        _h(level + 1, escape(h.source)), f"<p>{escape(doc.source)}</p>",
    ]
    if doc.fix is not None:
        state = h.safe if doc.fix_safe else h.unsafe
        parts += [_h(level + 1, f"{escape(h.fix)} ({escape(state)})"), f"<p>{escape(doc.fix)}</p>"]
        if doc.fix_pairs:
            pairs = ", ".join(f"{escape(k)} → {escape(v)}" for k, v in doc.fix_pairs)
            parts.append(f'<p lang="{doc.text_lang}">{pairs}</p>')
    for title, cls, examples in ((h.bad, "bad", doc.bad), (h.good, "good", doc.good)):
        items = "".join(f'<li lang="{doc.text_lang}">{escape(e)}</li>' for e in examples)
        parts += [_h(level + 1, escape(title)), f'<ul class="examples {cls}">{items}</ul>']
    parts.append("</section>")
    return "\n".join(parts)


def _grouped(rules: Iterable[Rule]) -> dict[str, dict[str, list[Rule]]]:
    """Rules by pack language, then by category in the schema's order, each list by code."""
    groups: dict[str, dict[str, list[Rule]]] = {lang: {} for lang in PACK_LANGS}
    for rule in sorted(rules, key=lambda r: r.code):
        groups.setdefault(rule.lang, {}).setdefault(rule.category, []).append(rule)
    order = {c: i for i, c in enumerate(CATEGORIES)}
    return {lang: dict(sorted(cats.items(), key=lambda kv: order.get(kv[0], len(order))))
            for lang, cats in groups.items() if cats}


def _number(value: float, lang: str) -> str:
    """Three significant digits (fitted anchors have many), decimal comma in Finnish and Swedish."""
    return decimal(value, lang, ".3g")


def _band_ranges() -> list[tuple[str, str]]:
    """(band id, "80–100") from the score's band floors, highest first."""
    ranges, ceiling = [], 100
    for floor, band in BANDS:
        ranges.append((band, f"{floor}–{ceiling}"))
        ceiling = floor - 1
    return ranges


def measures() -> list[str]:
    """Every measure of the score, Finnish first, in the score's order."""
    names: list[str] = []
    for lang in PACK_LANGS:
        names += [m for m in COMPONENTS[lang] if m not in names]
    return names


def metrics_html(ui_lang: str, level: int = 2) -> str:
    """The score, its bands and every measure with its anchors and weight per text language."""
    def t(key: str) -> str:
        return cap(ui(key, ui_lang))

    parts = [_h(level, escape(t("score_heading"))), f"<p>{escape(ui('score_intro', ui_lang))}</p>",
             _h(level, escape(t("bands_heading"))),
             f"<table><thead><tr><th scope=\"col\">{escape(t('points'))}</th><th scope=\"col\">{escape(t('band'))}"
             f"</th><th scope=\"col\">{escape(t('meaning'))}</th></tr></thead><tbody>"]
    for band, span in _band_ranges():
        parts.append(f'<tr><td class="num">{span}</td><th scope="row">{escape(cap(band_label(band, ui_lang)))}</th>'
                     f"<td>{escape(text(f'band_meaning.{band}', ui_lang))}</td></tr>")
    parts += ["</tbody></table>", _h(level, escape(t("measures_heading")))]
    for measure in measures():
        parts += [f'<section id="measure-{measure}">', _h(level + 1, escape(cap(label(measure, ui_lang)))),
                  f"<p>{escape(text(f'measure_about.{measure}', ui_lang))}</p>",
                  f"<table><caption>{escape(t('anchors_heading'))}</caption><thead><tr>"
                  f"<th scope=\"col\">{escape(t('text_language'))}</th><th scope=\"col\">{escape(t('easy'))}</th>"
                  f"<th scope=\"col\">{escape(t('hard'))}</th><th scope=\"col\">{escape(t('weight'))}</th>"
                  "</tr></thead><tbody>"]
        for lang in PACK_LANGS:
            name = escape(cap(text(f"lang.{lang}", ui_lang)))
            if measure in COMPONENTS[lang]:
                easy, hard, weight = COMPONENTS[lang][measure]
                parts.append(f'<tr><th scope="row">{name}</th><td class="num">{_number(easy, ui_lang)}</td>'
                             f'<td class="num">{_number(hard, ui_lang)}</td>'
                             f'<td class="num">{_number(weight, ui_lang)}</td></tr>')
            else:
                parts.append(f'<tr><th scope="row">{name}</th><td colspan="3">{escape(t("not_used"))}</td></tr>')
        parts.append("</tbody></table></section>")
    return "\n".join(parts)


def _page(ui_lang: str, title: str, body: str, links: _Links, style: str) -> str:
    index = "#top" if links.single else "index.html"
    nav = [(index, ui("home", ui_lang))]
    nav.append((links.metrics(), ui("metrics", ui_lang)))
    if not links.single:
        nav.append((SINGLE_FILE, ui("single_file", ui_lang)))
    items = "".join(f'<li><a href="{escape(href)}">{escape(name)}</a></li>' for href, name in nav)
    return (f'<!DOCTYPE html>\n<html lang="{ui_lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n{style}\n</head>\n<body>\n"
            f'<header id="top"><nav aria-label="{escape(ui("contents", ui_lang))}"><ul>{items}</ul></nav></header>\n'
            f'<main id="main">\n{body}\n</main>\n<footer><p>selkeys {escape(__version__)}</p></footer>\n'
            "</body>\n</html>\n")


def _toc(groups: dict[str, dict[str, list[Rule]]], ui_lang: str, links: _Links, level: int) -> str:
    """Both packs, their categories and every rule, linked."""
    parts = []
    for lang, categories in groups.items():
        parts += [_h(level, escape(ui(f"pack_{lang}", ui_lang))), "<ul>"]
        for category, rules in categories.items():
            entries = "".join(
                f'<li><a class="code" href="{escape(links.rule(doc))}">{escape(r.code)}</a> '
                f"{escape(doc.catches)}</li>" for r in rules for doc in (rule_doc(r, ui_lang),))
            parts.append(f'<li><a href="{escape(links.category(lang, category))}">'
                         f"{escape(text(f'category.{category}', ui_lang))}</a> ({len(rules)} "
                         f"{escape(ui('rules_count_one' if len(rules) == 1 else 'rules_count', ui_lang))})"
                         f"<ul>{entries}</ul></li>")
        parts.append("</ul>")
    return f'<nav class="toc" aria-label="{escape(ui("contents", ui_lang))}">' + "\n".join(parts) + "</nav>"


def _category_html(lang: str, category: str, rules: list[Rule], ui_lang: str, level: int) -> str:
    about = text(f"category_about.{category}", ui_lang)
    title = f"{text(f'category.{category}', ui_lang)} – {ui(f'pack_{lang}', ui_lang)}"
    body = [_h(level, escape(title)), f"<p>{escape(about)}</p>"]
    body += [rule_html(rule_doc(r, ui_lang), level + 1) for r in rules]
    return "\n".join(body)


def build(rules: Iterable[Rule], ui_lang: str, single_file_only: bool = False) -> dict[str, str]:
    """Every file of the handbook (name -> content): index, one page per pack and category,
    the metrics page, the stylesheet and the single file; only the single file when asked."""
    if ui_lang not in LANGS:
        raise HandbookError(f"unknown language {ui_lang!r} (use {', '.join(LANGS)})")
    groups = _grouped(rules)
    unknown = {c for cats in groups.values() for c in cats if f"category.{c}" not in catalogue()}
    if unknown:
        raise HandbookError(f"no catalogue text for categories {sorted(unknown)} (selkeys/data/messages.yaml)")
    title = ui("title", ui_lang)
    intro = f"<p>{escape(ui('intro', ui_lang))}</p>"
    inline = _Links(single=True)
    sections = [_h(1, escape(title)), intro, _toc(groups, ui_lang, inline, 2)]
    for lang, categories in groups.items():
        sections.append(f'<section aria-labelledby="pack-{lang}"><h2 id="pack-{lang}">'
                        f"{escape(ui(f'pack_{lang}', ui_lang))}</h2>")
        for category, members in categories.items():
            sections.append(f'<section id="{category_anchor(lang, category)}">'
                            f"{_category_html(lang, category, members, ui_lang, 3)}</section>")
        sections.append("</section>")
    sections.append(f'<section id="metrics"><h2>{escape(ui("metrics", ui_lang))}</h2>'
                    f"{metrics_html(ui_lang, 3)}</section>")
    files = {SINGLE_FILE: _page(ui_lang, title, "\n".join(sections), inline, f"<style>{_CSS}</style>")}
    if single_file_only:
        return files
    site, link = _Links(single=False), f'<link rel="stylesheet" href="{STYLESHEET}">'
    files[STYLESHEET] = _CSS.lstrip()
    files["index.html"] = _page(ui_lang, title, "\n".join([_h(1, escape(title)), intro,
                                                            _toc(groups, ui_lang, site, 2)]), site, link)
    for lang, categories in groups.items():
        for category, members in categories.items():
            page_title = f"{text(f'category.{category}', ui_lang)} – {title}"
            files[category_page(lang, category)] = _page(
                ui_lang, page_title, _category_html(lang, category, members, ui_lang, 1), site, link)
    metrics_body = f"{_h(1, escape(ui('metrics', ui_lang)))}\n{metrics_html(ui_lang, 2)}"
    files[METRICS_PAGE] = _page(ui_lang, f"{ui('metrics', ui_lang)} – {title}", metrics_body, site, link)
    return files


def write(out_dir: Path, rules: Iterable[Rule], ui_lang: str, single_file_only: bool = False) -> list[Path]:
    """Write the handbook into ``out_dir`` (created if missing); returns the files written."""
    files = build(rules, ui_lang, single_file_only)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for name, content in files.items():
            path = out_dir / name
            path.write_text(content, encoding="utf-8")
            written.append(path)
    except OSError as exc:
        raise HandbookError(f"{exc.filename or out_dir}: cannot write the handbook ({exc.strerror})") from None
    return written
