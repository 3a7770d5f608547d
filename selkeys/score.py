"""The clarity score: 0-100, higher is clearer, with the measures that pulled it down.

score = 100 - sum(weight_i * penalty_i), where each penalty rises linearly from 0 at the
measure's "easy" anchor to 1 at its "hard" anchor (clipped). The weights add up to 100, so a
text at or past every hard anchor scores 0. Anchors are set from text that readers find easy
(plain-language rewrites, blogs and fiction in UD Finnish-TDT) and hard (EU legal text
and parliamentary speech in UD Finnish-TDT; the genre medians are in the README). A later
calibration replaces them with fitted values, keeping this form.
"""

from __future__ import annotations

from dataclasses import dataclass

# measure: (easy anchor, hard anchor, weight, label fi, label en), per text language
FINNISH: dict[str, tuple[float, float, float, str, str]] = {
    "words_per_sentence": (9.0, 22.0, 22, "pitkät virkkeet", "long sentences"),
    "lix": (50.0, 85.0, 12, "pitkät sanat (LIX)", "long words (LIX)"),
    "wiio": (6.5, 11.5, 12, "monitavuiset perusmuodot (Wiio)", "polysyllabic base forms (Wiio)"),
    "action_nouns_per_sentence": (0.2, 1.5, 12, "teonnimet", "action nouns"),
    "passive_share": (0.15, 0.6, 10, "passiivi", "passive verbs"),
    "participles_per_sentence": (0.3, 1.5, 6, "partisiippimääritteet", "participle attributes"),
    "rare_word_share": (0.02, 0.10, 12, "harvinaiset sanat", "rare words"),
    "findings_per_100_words": (0.5, 8.0, 14, "havaitut ongelmat", "findings"),
}
# Swedish anchors: LIX bands from Björnsson (under 30 very easy, over 60 very hard; official
# text typically 50-60); nominal quotient around 1.0 in easy text and 2.2 in committee reports
# (Swedish parliamentary reports average 2.18).
SWEDISH: dict[str, tuple[float, float, float, str, str]] = {
    "words_per_sentence": (9.0, 22.0, 22, "pitkät virkkeet", "long sentences"),
    "lix": (30.0, 60.0, 14, "pitkät sanat (LIX)", "long words (LIX)"),
    "nominal_quotient": (0.8, 2.2, 12, "nominaalisuus", "noun style (nominal quotient)"),
    "action_nouns_per_sentence": (0.2, 1.2, 10, "teonnimet", "action nouns"),
    "passive_share": (0.1, 0.5, 10, "passiivi", "passive verbs"),
    "participles_per_sentence": (0.2, 1.0, 6, "partisiipit", "participles"),
    "rare_word_share": (0.03, 0.12, 12, "harvinaiset sanat", "rare words"),
    "findings_per_100_words": (0.5, 8.0, 14, "havaitut ongelmat", "findings"),
}
COMPONENTS = {"fi": FINNISH, "sv": SWEDISH}
_SV_LABELS = {
    "words_per_sentence": "långa meningar", "lix": "långa ord (LIX)", "wiio": "flerstaviga ord (Wiio)",
    "nominal_quotient": "nominalstil (NK)", "action_nouns_per_sentence": "verbalsubstantiv",
    "passive_share": "passiv", "participles_per_sentence": "particip", "rare_word_share": "ovanliga ord",
    "findings_per_100_words": "fynd",
}
SEVERITY_WEIGHT = {"error": 3.0, "warning": 2.0, "info": 1.0, "hint": 0.5}
BANDS = (
    (80, "clear", "selkeä", "klar"),
    (60, "fairly clear", "melko selkeä", "ganska klar"),
    (40, "difficult", "vaikea", "svår"),
    (0, "very difficult", "erittäin vaikea", "mycket svår"),
)


@dataclass(frozen=True, slots=True)
class Score:
    value: float
    band: str  # English band id, e.g. "fairly clear"
    drivers: tuple[tuple[str, float], ...]  # (measure, points lost), largest first

    def band_label(self, ui_lang: str) -> str:
        for _, en, fi, sv in BANDS:
            if en == self.band:
                return {"fi": fi, "sv": sv}.get(ui_lang, en)
        return self.band

    def to_dict(self) -> dict:
        return {"score": round(self.value, 1), "band": self.band,
                "drivers": [{"measure": m, "points": round(p, 1)} for m, p in self.drivers]}


def band_for(value: float) -> str:
    for floor, en, _, _ in BANDS:
        if value >= floor:
            return en
    return BANDS[-1][1]


def clarity(measures: dict[str, float | None], weighted_findings: float, lang: str = "fi") -> Score | None:
    """Score from measures and the severity-weighted finding count; None for text without words."""
    words = measures.get("words") or 0
    if not words:
        return None
    findings = 100 * weighted_findings / words
    lost: list[tuple[str, float]] = []
    total = 100.0
    for name, (easy, hard, weight, _, _) in COMPONENTS[lang].items():
        value = findings if name == "findings_per_100_words" else measures.get(name)
        if value is None or value <= easy:
            continue
        points = weight * min(1.0, (value - easy) / (hard - easy))
        total -= points
        if points >= 0.5:
            lost.append((name, points))
    total = max(0.0, total)
    drivers = tuple(sorted(lost, key=lambda d: -d[1]))
    return Score(total, band_for(total), drivers)


def label(measure: str, ui_lang: str) -> str:
    """The measure's name in the user's language."""
    component = FINNISH.get(measure) or SWEDISH.get(measure)
    if component is None:
        return measure
    if ui_lang == "sv":
        return _SV_LABELS.get(measure, component[4])
    return component[3] if ui_lang == "fi" else component[4]
