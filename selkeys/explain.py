"""A rule's documentation as text, built from its YAML entry (never written twice)."""

from __future__ import annotations

from selkeys.rules.schema import Rule

_HEAD = {
    "fi": ("Mitä se löytää", "Miksi se haittaa lukijaa", "Lähde", "Korjausehdotus", "Huonoja esimerkkejä",
           "Hyviä esimerkkejä", "vakavuus", "luokka", "profiilit", "turvallinen", "tarkista ennen käyttöä"),
    "sv": ("Vad den hittar", "Varför det stör läsaren", "Källa", "Förslag", "Dåliga exempel", "Bra exempel",
           "allvarlighet", "kategori", "profiler", "säker", "granska innan du använder"),
    "en": ("What it finds", "Why it hurts the reader", "Source", "Suggested fix", "Bad examples", "Good examples",
           "severity", "category", "profiles", "safe", "review before applying"),
}


def explain_rule(rule: Rule, ui_lang: str = "fi") -> str:
    h = _HEAD.get(ui_lang, _HEAD["en"])
    lines = [
        f"{rule.code}  {rule.name}",
        f"{h[6]}: {rule.severity.label}   {h[7]}: {rule.category}   {h[8]}: {', '.join(rule.profiles)}",
        "",
        f"{h[0]}:",
        f"  {rule.message_for(ui_lang, matched='…')}",
        "",
        f"{h[1]}:",
        f"  {rule.why.get(ui_lang) or rule.why['en']}",
        "",
        f"{h[2]}: {rule.source}",
    ]
    if rule.fix is not None:
        suggestion = rule.suggestion_for(ui_lang, matched="…", suggestion="…")
        safety = h[9] if rule.fix.safe else h[10]
        lines += ["", f"{h[3]} ({safety}): {suggestion}"]
        if rule.fix.by_lemma:
            pairs = ", ".join(f"{k} → {v}" for k, v in list(rule.fix.by_lemma.items())[:12])
            lines.append(f"  {pairs}")
    lines += ["", f"{h[4]}:"] + [f"  ✗ {b}" for b in rule.examples_bad]
    lines += ["", f"{h[5]}:"] + [f"  ✓ {g}" for g in rule.examples_good]
    return "\n".join(lines)
