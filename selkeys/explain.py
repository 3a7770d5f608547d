"""A rule's documentation, built once from its YAML entry and rendered three ways.

`rule_doc` gathers the sections every rule's documentation has (what it catches, why it hurts
the reader, the source of the guidance, the suggested rewrite, bad and good examples), so that
`selkeys explain` (plain text), the language server's hover (Markdown) and the handbook (HTML)
show the same words and can never drift apart.
"""

from __future__ import annotations

import re

from dataclasses import dataclass

from selkeys.rules.schema import Rule

_HEAD = {
    "fi": ("Mitä se löytää", "Miksi se haittaa lukijaa", "Lähde", "Korjausehdotus", "Huonoja esimerkkejä",
           "Hyviä esimerkkejä", "vakavuus", "luokka", "profiilit", "turvallinen", "tarkista ennen käyttöä"),
    "sv": ("Vad den hittar", "Varför det stör läsaren", "Källa", "Förslag", "Dåliga exempel", "Bra exempel",
           "allvarlighet", "kategori", "profiler", "säker", "granska innan du använder"),
    "en": ("What it finds", "Why it hurts the reader", "Source", "Suggested fix", "Bad examples", "Good examples",
           "severity", "category", "profiles", "safe", "review before applying"),
}


@dataclass(frozen=True, slots=True)
class Headings:
    """The section titles and field labels of a rule's documentation in one UI language."""

    catches: str
    why: str
    source: str
    fix: str
    bad: str
    good: str
    severity: str
    category: str
    profiles: str
    safe: str
    unsafe: str


def headings(ui_lang: str) -> Headings:
    return Headings(*_HEAD.get(ui_lang, _HEAD["en"]))


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """The documentation sections of one rule, in one UI language.

    ``why_lang`` is the language the why-text is actually in: packs must give it in Finnish and
    English only, so a Swedish reader may get the English text, and HTML marks it as such."""

    code: str
    name: str
    text_lang: str  # the language of the text the rule checks (its examples are in it)
    severity: str
    category: str
    profiles: tuple[str, ...]
    catches: str
    why: str
    why_lang: str
    source: str
    fix: str | None
    fix_safe: bool
    fix_pairs: tuple[tuple[str, str], ...]
    bad: tuple[str, ...]
    good: tuple[str, ...]
    head: Headings


def _placeholders_elided(text: str | None) -> str | None:
    """A message template shown without a finding: its numbers ({value}, {limit}) become "…"."""
    return None if text is None else re.sub(r"\{\w+\}", "…", text)


def rule_doc(rule: Rule, ui_lang: str = "fi") -> RuleDoc:
    """The rule's documentation in ``ui_lang`` (fi, sv or en; anything else gives English)."""
    why_lang = ui_lang if rule.why.get(ui_lang) else "en"
    return RuleDoc(
        code=rule.code, name=rule.name, text_lang=rule.lang, severity=rule.severity.label,
        category=rule.category, profiles=tuple(rule.profiles),
        catches=_placeholders_elided(rule.message_for(ui_lang, matched="…")),
        why=rule.why[why_lang], why_lang=why_lang, source=rule.source,
        fix=_placeholders_elided(rule.suggestion_for(ui_lang, matched="…", suggestion="…")),
        fix_safe=rule.fix is not None and rule.fix.safe,
        fix_pairs=tuple(rule.fix.by_lemma.items()) if rule.fix else (),
        bad=tuple(rule.examples_bad), good=tuple(rule.examples_good), head=headings(ui_lang),
    )


def _fix_title(doc: RuleDoc) -> str:
    return f"{doc.head.fix} ({doc.head.safe if doc.fix_safe else doc.head.unsafe})"


def _pairs(doc: RuleDoc, limit: int | None) -> str:
    return ", ".join(f"{k} → {v}" for k, v in doc.fix_pairs[:limit])


def explain_rule(rule: Rule, ui_lang: str = "fi") -> str:
    """Plain text for ``selkeys explain CODE``."""
    doc = rule_doc(rule, ui_lang)
    h = doc.head
    lines = [
        f"{doc.code}  {doc.name}",
        f"{h.severity}: {doc.severity}   {h.category}: {doc.category}   {h.profiles}: {', '.join(doc.profiles)}",
        "", f"{h.catches}:", f"  {doc.catches}",
        "", f"{h.why}:", f"  {doc.why}",
        "", f"{h.source}: {doc.source}",
    ]
    if doc.fix is not None:
        lines += ["", f"{_fix_title(doc)}: {doc.fix}"]
        if doc.fix_pairs:
            lines.append(f"  {_pairs(doc, 12)}")
    lines += ["", f"{h.bad}:"] + [f"  ✗ {b}" for b in doc.bad]
    lines += ["", f"{h.good}:"] + [f"  ✓ {g}" for g in doc.good]
    return "\n".join(lines)


def _md(text: str) -> str:
    """Escape the characters Markdown would read as formatting in rule text."""
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)


def explain_markdown(rule: Rule, ui_lang: str = "fi", href: str | None = None) -> str:
    """Markdown for the language server's hover; ``href`` links the code to the handbook."""
    doc = rule_doc(rule, ui_lang)
    h = doc.head
    title = f"[{doc.code}]({href})" if href else doc.code
    lines = [f"**{title}** {_md(doc.name)} · {doc.severity} · {doc.category}", "",
             f"**{h.catches}:** {_md(doc.catches)}", "", f"**{h.why}:** {_md(doc.why)}", "",
             f"**{h.source}:** {_md(doc.source)}"]
    if doc.fix is not None:
        lines += ["", f"**{_fix_title(doc)}:** {_md(doc.fix)}"]
        if doc.fix_pairs:
            lines.append(_md(_pairs(doc, 12)))
    lines += ["", f"**{h.bad}:**"] + [f"- ✗ {_md(b)}" for b in doc.bad]
    lines += ["", f"**{h.good}:**"] + [f"- ✓ {_md(g)}" for g in doc.good]
    return "\n".join(lines)
