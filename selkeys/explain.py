"""A rule's documentation, built once from its YAML entry and rendered three ways.

`rule_doc` gathers the sections every rule's documentation has (what it catches, why it hurts
the reader, the source of the guidance, the suggested rewrite, bad and good examples), so that
`selkeys explain` (plain text), the language server's hover (Markdown) and the handbook (HTML)
show the same words and can never drift apart.
"""

from __future__ import annotations

import re

from dataclasses import dataclass

from selkeys.examples import title
from selkeys.messages import text
from selkeys.rules.schema import Rule
from selkeys.suppress import UNUSED_CODE

_HEADINGS = ("why", "source", "fix", "bad", "good", "severity", "category", "profiles")


@dataclass(frozen=True, slots=True)
class Headings:
    """The section titles and field labels of a rule's documentation in one language."""

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


def headings(lang: str) -> Headings:
    return Headings(*(text(f"explain.{name}", lang) for name in _HEADINGS),
                    text("suggestion.safe", lang), text("suggestion.review", lang))


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """The documentation sections of one rule, in one language.

    ``catches`` names the rule: its message with the words it flags in its first bad example
    (selkeys.examples), never its internal slug. ``why_lang`` is the language the why-text is
    actually in: packs must give it in Finnish and English only, so a Swedish reader may get
    the English text, and HTML marks it as such."""

    code: str
    text_lang: str  # the language of the text the rule checks (its examples are in it)
    severity: str  # the severity's name in the documentation's language
    category: str  # the category's id (the handbook's pages are named by it)
    category_name: str  # its name in the documentation's language
    profiles: tuple[str, ...]  # the profiles' names in the documentation's language
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


def _placeholders_elided(template: str | None) -> str | None:
    """A message template shown without a finding: its numbers ({value}, {limit}) become "…"."""
    return None if template is None else re.sub(r"\{\w+\}", "…", template)


def rule_doc(rule: Rule, lang: str) -> RuleDoc:
    """The rule's documentation in ``lang`` (fi, sv or en; anything else gives English).

    Front-ends pick ``lang`` with ``selkeys.messages.for_text(override, rule.lang)``: a rule is
    explained in the language of the text it checks unless the user chose a language."""
    why_lang = lang if rule.why.get(lang) else "en"
    return RuleDoc(
        code=rule.code, text_lang=rule.lang, severity=text(f"severity.{rule.severity.label}", lang),
        category=rule.category, category_name=text(f"category.{rule.category}", lang),
        profiles=tuple(text(f"profile.{p}", lang) for p in rule.profiles),
        catches=title(rule, lang),
        why=rule.why[why_lang], why_lang=why_lang, source=rule.source,
        fix=_placeholders_elided(rule.suggestion_for(lang, matched="…", suggestion="…")),
        fix_safe=rule.fix is not None and rule.fix.safe,
        fix_pairs=tuple(rule.fix.by_lemma.items()) if rule.fix else (),
        bad=tuple(rule.examples_bad), good=tuple(rule.examples_good), head=headings(lang),
    )


def _fix_title(doc: RuleDoc) -> str:
    return f"{doc.head.fix} ({doc.head.safe if doc.fix_safe else doc.head.unsafe})"


def _pairs(doc: RuleDoc, limit: int | None) -> str:
    return ", ".join(f"{k} → {v}" for k, v in doc.fix_pairs[:limit])


def explain_rule(rule: Rule, lang: str) -> str:
    """Plain text for ``selkeys explain CODE``."""
    doc = rule_doc(rule, lang)
    h = doc.head
    lines = [
        f"{doc.code}  {doc.catches}",
        f"{h.severity}: {doc.severity}   {h.category}: {doc.category_name}   {h.profiles}: {', '.join(doc.profiles)}",
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


def explain_unused_suppression(lang: str) -> str:
    """Plain text for ``selkeys explain SK-META-001``: not a rule of a pack but selkeys' own
    check that an inline suppression still hides something."""
    h = headings(lang)
    example = "<!-- selkeys-disable-next-line FI-ABBR-001 -- " + text("suppress.unused_example_reason", lang) + " -->"
    return "\n".join([
        f"{UNUSED_CODE}  {text('suppress.unused', lang)}",
        f"{h.severity}: {text('severity.warning', lang)}",
        "", f"{h.why}:", f"  {text('suppress.unused_why', lang)}",
        "", f"{h.fix}: {text('suppress.unused_fix', lang)}",
        "", f"{h.bad}:", f"  ✗ {example}", f"    {text('suppress.unused_example_line', lang)}",
    ])


def _md(value: str) -> str:
    """Escape the characters Markdown would read as formatting in rule text."""
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in value)


def explain_markdown(rule: Rule, lang: str, href: str | None = None) -> str:
    """Markdown for the language server's hover; ``href`` links the code to the handbook."""
    doc = rule_doc(rule, lang)
    h = doc.head
    title_line = f"[{doc.code}]({href})" if href else doc.code
    lines = [f"**{title_line}** {_md(doc.catches)}", "", f"{_md(doc.severity)} · {_md(doc.category_name)}", "",
             f"**{h.why}:** {_md(doc.why)}", "", f"**{h.source}:** {_md(doc.source)}"]
    if doc.fix is not None:
        lines += ["", f"**{_fix_title(doc)}:** {_md(doc.fix)}"]
        if doc.fix_pairs:
            lines.append(_md(_pairs(doc, 12)))
    lines += ["", f"**{h.bad}:**"] + [f"- ✗ {_md(b)}" for b in doc.bad]
    lines += ["", f"**{h.good}:**"] + [f"- ✓ {_md(g)}" for g in doc.good]
    return "\n".join(lines)
