"""The message catalogue (selkeys/data/messages.yaml) and the rule for which language a
user is told things in (selkeys.messages)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from selkeys import explain, messages
from selkeys.calibration.evaluate import BASELINES
from selkeys.calibration.model import DEFAULT_BANDS
from selkeys.model import Finding, Severity
from selkeys.output.html_report import SEVERITIES
from selkeys.rules.schema import CATEGORIES, PROFILES
from selkeys.server import scrub
from selkeys.server.lint_view import METRICS

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [p for folder in ("selkeys", "cli", "lsp", "docx_plugin") for p in (ROOT / folder).rglob("*")
           if p.suffix in (".py", ".js", ".html") and "migrations" not in p.parts]
PLACEHOLDER = re.compile(r"\{(\w+)\}")
MEASURES = set().union(*BASELINES.values())  # every measure a score model may use
# families looked up by a value the engine computes: their names must be exactly that domain
FAMILIES = {
    "severity.": {s.label for s in Severity},
    "band.": {band for _, band in DEFAULT_BANDS},
    "band_meaning.": {band for _, band in DEFAULT_BANDS},
    "measure.": MEASURES,
    "measure_about.": MEASURES,
    "metric.": set(METRICS),
    "category.": set(CATEGORIES),
    "category_about.": set(CATEGORIES),
    "lang.": set(messages.TEXT_LANGS),
    "profile.": set(PROFILES),
    "place.": {"paragraph", "table", "row", "column", "header", "footer", "footnote", "endnote", "textbox"},
    "scrub.": {kind for kind, _ in scrub._ORDER},
    "explain.": set(explain._HEADINGS),
    "handbook.pack_": set(messages.TEXT_LANGS),
    "report.sev_": set(SEVERITIES),
    "feedback.rating_": {"1", "2", "3", "4"},  # the four faces
}
# families sent whole to a browser page, or read by a module's own short helper (t("title")):
# each name must appear in the files that read it
READERS = {
    "playground.": ["selkeys/server/static/playground/playground.js", "selkeys/server/templates/playground.html"],
    "feedback.": ["selkeys/server/static/widget.js", "selkeys/server/forms.py", "selkeys/server/app.py",
                  "selkeys/server/texts.py"],
    "handbook.": ["selkeys/handbook.py", "cli/handbook_cmd.py"],
    "report.": ["selkeys/output/html_report.py", "cli/report_cmd.py"],
    "diff.": ["cli/diff_cmd.py"],
}


def _family(key: str) -> str | None:
    return max((p for p in FAMILIES if key.startswith(p)), key=len, default=None)


def _source(paths: list[str] | None = None) -> str:
    files = [ROOT / p for p in paths] if paths is not None else SOURCES
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def test_every_message_has_fi_sv_and_en_with_the_same_placeholders():
    for key, entry in messages.catalogue().items():
        assert set(entry) == set(messages.LANGS), key
        assert all(isinstance(v, str) and v.strip() for v in entry.values()), key
        assert len({frozenset(PLACEHOLDER.findall(v)) for v in entry.values()}) == 1, f"{key}: placeholders differ"


def test_every_family_covers_its_domain_exactly():
    keys = set(messages.catalogue())
    for prefix, domain in FAMILIES.items():
        names = {k[len(prefix):] for k in keys if _family(k) == prefix}
        assert names == domain, f"{prefix}*: missing {domain - names}, unknown {names - domain}"


def test_no_message_is_unused():
    everywhere = _source()
    unused = []
    for key in messages.catalogue():
        if _family(key):
            continue  # checked against its domain above
        reader = next((p for p in READERS if key.startswith(p)), None)
        name = key[len(reader):] if reader else key
        if reader and reader in ("playground.", "feedback."):
            used = re.search(rf"\b{re.escape(name)}\b", _source(READERS[reader])) is not None
        else:
            text = _source(READERS[reader]) if reader else everywhere
            used = f'"{name}"' in text or f"'{name}'" in text or f'"{key}"' in everywhere
        if not used:
            unused.append(key)
    assert not unused, f"unused messages: {unused}"


def test_every_message_the_code_asks_for_exists():
    keys = set(messages.catalogue())
    asked = set()
    for path in SOURCES:
        source = path.read_text(encoding="utf-8")
        asked |= set(re.findall(r"""\btext\(\s*["']([a-z_]+\.[\w. ]+)["']""", source))
        prefix = next((p for p, files in READERS.items() if str(path.relative_to(ROOT)) in files[:1]), None)
        if prefix in ("handbook.", "report.", "diff."):
            asked |= {prefix + n for n in re.findall(r"""\b(?:self\.t|ui|t)\(\s*["'](\w+)["']""", source)}
    assert asked and not asked - keys, f"not in the catalogue: {sorted(asked - keys)}"


def test_text_fills_placeholders_and_falls_back_to_english():
    assert messages.text("findings.count", "sv", n=3) == "Fynd: 3"
    assert messages.text("findings.count", "de", n=3) == "Findings: 3"
    assert messages.text("findings.count", "fi") == "Havaintoja: {n}"  # a template, for a browser to fill
    with pytest.raises(KeyError):
        messages.text("no.such.message", "fi")


def _finding(lang: str | None) -> Finding:
    return Finding("SV-ARCH-001", "skall", Severity.WARNING, "words", "…", 0, 5, 1, 1, 1, 6, "skall", lang=lang)


def test_the_language_follows_the_text_unless_the_user_chose_one():
    assert messages.for_finding(None, _finding("sv")) == "sv"
    assert messages.for_finding(None, _finding("fi")) == "fi"
    assert messages.for_finding("en", _finding("sv")) == "en"
    assert messages.for_finding(None, _finding(None)) == "fi"  # text in neither language
    assert messages.for_text(None, "en") == "fi"


def test_decimal_comma_in_finnish_and_swedish():
    assert messages.decimal(8.0, "fi") == "8,0" and messages.decimal(8.0, "sv") == "8,0"
    assert messages.decimal(8.0, "en") == "8.0"
