"""Rule packs: YAML files validated into :class:`Rule` objects.

A pack that has an unknown key, a pattern that does not compile, a missing field or a code
used twice fails loudly with the file and line, so a typo can never silently disable a rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from selkeys.model import Severity

KINDS = ("lemma", "sequence", "token", "pattern", "sentence", "paragraph", "syntax")
CATEGORIES = ("nominal-style", "agency", "reader", "words", "structure", "abbreviations", "terms", "negation",
              "length")
PROFILES = ("plain", "easy")
UI_LANGS = ("fi", "sv", "en")
_CODE = re.compile(r"^[A-Z]{2}-[A-Z]{2,8}-\d{3}$")

# off_in_legal_text: advice that does not apply to statutes and legal reasoning (address the
# reader, avoid the passive), left out where selkeys.register reads the document as legal text
_COMMON_KEYS = {"code", "name", "kind", "severity", "category", "message", "why", "source", "fix", "off_in_legal_text",
                "needs_reader_address", "reader_address",
                "examples", "profiles", "__line__"}
_KIND_KEYS = {
    # term_families: lists of lemmas that are one term for first_use_only ("toimivalta" and
    # "toimivaltainen": explained once, as the first of them)
    # off_in_list_items: not in an item of a list, whose parallel noun phrases a verb would break
    "lemma": {"lemmas", "compounds", "where", "readings", "unless_explained", "first_use_only", "unless_after",
              "unless_followed_by", "legal_unless_in_sentence", "legal_lemmas", "term_families", "off_in_list_items"},
    "sequence": {"tokens", "readings", "unless_after", "unless_followed_by", "min_sentence_words", "unless_defined",
                 "off_in_list_items"},
    "token": {"where", "readings", "text", "first_use_only", "unless_after", "unless_followed_by", "unless_defined"},
    # explained_after_name: a pattern that, matching the text right before the hit, means the
    # hit follows the name it abbreviates ("Maailman terveysjärjestö WHO")
    "pattern": {"pattern", "case_sensitive", "first_use_only", "unless_explained", "exclude", "explained_after_name",
                "skip_names", "known_if_frequent", "unless_defined"},
    "sentence": {"metric", "threshold"},
    "paragraph": {"metric", "threshold", "min_sentences"},
    "syntax": {"metric", "threshold"},  # deep mode only: needs the spaCy parse
}
# known_if_frequent (pattern): a Zipf frequency; a match of 3+ capitals whose lower-case form is at
# least this frequent in general text (selkeys/data, wordfreq) is known to readers ("SDP", "RKP");
# a word the rule spells in lower case on purpose ("sote") is never let off this way; nor is a
# match of 4+ capitals that the analyser reads as an ordinary word ("SULJE", "MAKSU": a label).
# skip_names (pattern): a match inside quotation marks or in a capitalised word that does not
# start a sentence (a proper name, a cited title) is not reported.
# unless_defined (pattern, sequence, token): no word of the match is a term the document defines itself
# ("Med X avses"; selkeys.rules.definitions).
# legal_lemmas (lemma): some of the rule's lemmas that legal text leaves alone, its own terms
# ("jäljennös" of the Publicity Act) or its drafting words ("jollei"), while a letter gets the advice.
# legal_unless_in_sentence (lemma): a token shape; in legal text, not when another word of the
# sentence fits it (statutes write "taikka" for the outer alternative when "tai" joins the inner
# ones, a drafting convention; in a letter the pair is one "or" too many all the same).
# Constraint keys a token element may use (see selkeys.rules.constraints).
CONSTRAINT_KEYS = {"lemma", "head", "pos", "case", "mood", "participle", "person", "number", "possessive",
                   "negative", "action_noun", "privative", "derivation", "text", "lower", "not", "gap",
                   "readings", "min_parts", "min_words", "voice", "verbform", "definite", "any", "tense", "skip"}
# The values each reading attribute can take (selkeys.analysis: Finnish readings from Voikko,
# Swedish ones from the UD tagger), so that a constraint that can never match ("case: genitive",
# "pos: nuon") fails when the pack is loaded instead of silently disabling the rule.
CONSTRAINT_VALUES: dict[str, frozenset[str]] = {
    "pos": frozenset("noun adj verb adv pron num abbr propn conj adp interj neg prefix x "
                     "det sconj cconj aux part punct sym intj".split()),
    "case": frozenset("nom gen par ess tra ine ela ill ade abl all abe com ins adv acc".split()),
    "mood": frozenset("indicative conditional imperative potential a_inf e_inf ma_inf minen_inf mainen_inf "
                      "ind imp sub".split()),
    "participle": frozenset("present_active present_passive past_active past_passive agent negation part".split()),
    "person": frozenset("1 2 3 4".split()),
    "number": frozenset("singular plural sing plur".split()),
    "negative": frozenset("true false both".split()),
    "voice": frozenset({"act", "pass"}),
    "verbform": frozenset("fin inf sup part ger conv".split()),
    "definite": frozenset({"def", "ind"}),
    "tense": frozenset({"present_simple", "past_imperfective", "pres", "past"}),
}
_FLAGS = ("action_noun", "privative")
SENTENCE_METRICS = ("words", "participle_chain", "relative_clauses", "auxiliary_gap", "premodifier")
PARAGRAPH_METRICS = ("passive_share", "action_noun_density")
SYNTAX_METRICS = ("embedded_clause", "subordination_depth")


class RuleError(Exception):
    """A rule pack problem, reported as ``file:line: message``."""


# A bad example marks the words the rule must flag: "Asiakas [[suorittaa maksun]] ajallaan."
_MARK = re.compile(r"\[\[(.+?)\]\]")


@dataclass(frozen=True, slots=True)
class Pin:
    """What a bad example pins down: the exact spans the rule flags (offsets in the example's
    plain text) and, optionally, the sentence after the fix (LanguageTool's rule tests do the same:
    a rule that fires on the wrong words, or a fix that breaks the sentence, fails the build)."""

    spans: tuple[tuple[int, int], ...]
    fixed: str | None = None


def parse_example(raw: Any, where: str) -> tuple[str, Pin]:
    """A bad example as written in a pack (a string, or a mapping with ``text`` and ``fixed``):
    its plain text and its pin."""
    fixed = None
    if isinstance(raw, dict):
        raw = _strip_lines(raw)
        if set(raw) - {"text", "fixed"} or "text" not in raw:
            raise RuleError(f"{where}: an example mapping has 'text' and optionally 'fixed'")
        fixed = str(raw["fixed"]) if raw.get("fixed") is not None else None
        raw = raw["text"]
    text = str(raw)
    spans, plain, last = [], [], 0
    for m in _MARK.finditer(text):
        plain.append(text[last:m.start()])
        start = sum(len(p) for p in plain)
        plain.append(m.group(1))
        spans.append((start, start + len(m.group(1))))
        last = m.end()
    plain.append(text[last:])
    plain_text = "".join(plain)
    if "[[" in plain_text or "]]" in plain_text:
        raise RuleError(f"{where}: unbalanced [[...]] in example {text!r}")
    if not spans:
        raise RuleError(f"{where}: bad example {text!r} must mark the flagged words with [[...]]")
    return plain_text, Pin(tuple(spans), fixed)


@dataclass(slots=True)
class Fix:
    suggest: dict[str, str]  # display text per UI language, may use {matched}
    replace: str | None = None  # exact replacement for the matched text
    safe: bool = False
    # lemma -> suggested word; for a pattern rule, the matched text (lower case, single spaces)
    by_lemma: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Rule:
    code: str
    name: str
    lang: str
    kind: str
    severity: Severity
    category: str
    message: dict[str, str]
    why: dict[str, str]
    source: str
    examples_bad: list[str]  # plain text; what each must flag is in ``pins``
    examples_good: list[str]
    spec: dict[str, Any]
    pins: list[Pin] = field(default_factory=list)  # one per bad example
    fix: Fix | None = None
    profiles: tuple[str, ...] = PROFILES
    origin: str = ""  # file:line, for error messages and `selkeys explain`
    off_in_legal_text: bool = False
    # needs_reader_address (Finnish): advice about inconsistent address, kept only where the
    # document speaks to its reader elsewhere (selkeys.register.reader_forms)
    needs_reader_address: bool = False
    # reader_address ("singular" or "plural"): advice about a switch of address, kept only where
    # the document mostly addresses its reader the given way (selkeys.register.dominant_address)
    reader_address: str | None = None

    def message_for(self, ui_lang: str, **values: str) -> str:
        template = self.message.get(ui_lang) or self.message["en"]
        return _format(template, values)

    def suggestion_for(self, ui_lang: str, **values: str) -> str | None:
        if self.fix is None:
            return None
        template = self.fix.suggest.get(ui_lang) or self.fix.suggest.get("en")
        return _format(template, values) if template else None


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _format(template: str, values: dict[str, str]) -> str:
    """``template`` with its ``{placeholders}`` filled from ``values`` (unknown ones kept as
    written); made for every finding's message and suggestion."""
    if "{" not in template:
        return template
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: packs load at start-up
    """Records the line of every mapping so that errors can point at it."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:  # type: ignore[override]
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _lang_map(value: Any, where: str, required: tuple[str, ...]) -> dict[str, str]:
    if not isinstance(value, dict):
        raise RuleError(f"{where}: expected a mapping of languages ({', '.join(UI_LANGS)})")
    value = _strip_lines(value)
    unknown = set(value) - set(UI_LANGS)
    if unknown:
        raise RuleError(f"{where}: unknown language key(s) {sorted(unknown)}")
    missing = [lang for lang in required if not value.get(lang)]
    if missing:
        raise RuleError(f"{where}: missing text for {missing}")
    return {k: str(v).strip() for k, v in value.items()}


def _check_element(element: Any, where: str) -> None:
    if not isinstance(element, dict):
        raise RuleError(f"{where}: a token element must be a mapping")
    unknown = set(element) - CONSTRAINT_KEYS - {"__line__"}
    if unknown:
        raise RuleError(f"{where}: unknown token constraint(s) {sorted(unknown)}")
    for key, allowed in CONSTRAINT_VALUES.items():
        if key in element:
            values = element[key] if isinstance(element[key], list) else [element[key]]
            wrong = [str(v) for v in values if str(v) not in allowed]
            if wrong:
                raise RuleError(f"{where}: {key} {wrong} can never match (the analysers give {sorted(allowed)})")
    for key in ("lemma", "lower", "head"):
        if key in element:
            values = element[key] if isinstance(element[key], list) else [element[key]]
            spaced = [str(v) for v in values if not str(v).strip() or any(c.isspace() for c in str(v))]
            if spaced:
                raise RuleError(f"{where}: {key} {spaced} can never match one token; use a sequence")
    for key in _FLAGS:
        if key in element and not isinstance(element[key], bool):
            raise RuleError(f"{where}: {key} must be true or false")
    if "gap" in element and (not isinstance(element["gap"], int) or element["gap"] < 0):
        raise RuleError(f"{where}: gap must be a whole number >= 0")
    if "skip" in element:
        # skip: the shape every word passed over by the gap before this element must fit
        # ("ska omedelbart meddela": adverbs may stand between, a verb may not)
        if not element.get("gap"):
            raise RuleError(f"{where}: skip says what a gap may pass over; it needs a gap")
        if not isinstance(element["skip"], dict) or "gap" in element["skip"]:
            raise RuleError(f"{where}: skip is a token shape (without a gap of its own)")
        _check_element(element["skip"], where + " (skip)")
    if element.get("readings", "any") not in ("any", "all"):
        raise RuleError(f"{where}: readings must be any or all")
    if "text" in element:
        _compile(element["text"], where, re.I)
    if "not" in element:
        _check_element(element["not"], where + " (not)")
    if "any" in element:
        if not isinstance(element["any"], list) or len(element["any"]) < 2:
            raise RuleError(f"{where}: any needs a list of at least two token shapes")
        for alternative in element["any"]:
            if "gap" in alternative or "skip" in alternative:
                raise RuleError(f"{where}: gap and skip belong to the element, not to one of its 'any' shapes")
            _check_element(alternative, where + " (any)")


def _compile(pattern: Any, where: str, flags: int = 0) -> re.Pattern[str]:
    try:
        return re.compile(str(pattern), flags)
    except re.error as exc:
        raise RuleError(f"{where}: invalid pattern {pattern!r}: {exc}") from None


def _build(raw: Any, lang: str, path: str) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError(f"{path}: each rule must be a mapping")
    where = f"{path}:{raw.get('__line__', '?')}"
    code = raw.get("code")
    if not isinstance(code, str) or not _CODE.match(code):
        raise RuleError(f"{where}: rule code {code!r} must look like FI-WORD-001")
    where = f"{where} ({code})"
    kind = raw.get("kind")
    if kind not in KINDS:
        raise RuleError(f"{where}: kind must be one of {KINDS}, not {kind!r}")
    unknown = set(raw) - _COMMON_KEYS - _KIND_KEYS[kind]
    if unknown:
        raise RuleError(f"{where}: unknown key(s) {sorted(unknown)} for kind {kind}")
    for key in ("name", "severity", "category", "message", "why", "source", "examples"):
        if key not in raw:
            raise RuleError(f"{where}: missing required key {key!r}")
    try:
        severity = Severity.parse(str(raw["severity"]))
    except ValueError as exc:
        raise RuleError(f"{where}: {exc}") from None
    if raw["category"] not in CATEGORIES:
        raise RuleError(f"{where}: category must be one of {CATEGORIES}")
    examples = raw["examples"]
    if not isinstance(examples, dict) or set(_strip_lines(examples)) - {"bad", "good"}:
        raise RuleError(f"{where}: examples must have exactly the keys bad and good")
    bad, good = examples.get("bad") or [], examples.get("good") or []
    if len(bad) < 3 or len(good) < 3:
        raise RuleError(f"{where}: a rule needs at least 3 bad and 3 good examples (has {len(bad)} and {len(good)})")
    parsed = [parse_example(b, where) for b in bad]
    if any(not isinstance(g, str) or "[[" in g for g in good):
        raise RuleError(f"{where}: good examples are plain strings without [[...]] marks")
    profiles = tuple(raw.get("profiles", PROFILES))
    if set(profiles) - set(PROFILES):
        raise RuleError(f"{where}: profiles must be among {PROFILES}")
    spec = _strip_lines({k: v for k, v in raw.items() if k in _KIND_KEYS[kind]})
    _check_spec(kind, spec, where)
    fix = None
    if "fix" in raw:
        f = raw["fix"]
        unknown = set(f) - {"suggest", "replace", "safety", "by_lemma", "__line__"}
        if unknown:
            raise RuleError(f"{where}: unknown fix key(s) {sorted(unknown)}")
        if f.get("safety", "unsafe") not in ("safe", "unsafe"):
            raise RuleError(f"{where}: fix safety must be safe or unsafe")
        fix = Fix(
            suggest=_lang_map(f.get("suggest", {}), where + " fix.suggest", ("fi", "en")),
            replace=f.get("replace"),
            safe=f.get("safety") == "safe",
            by_lemma=_strip_lines(f.get("by_lemma", {})),
        )
        if fix.safe and fix.replace is None:
            raise RuleError(f"{where}: a safe fix needs an exact 'replace' text")
        if fix.safe and not any(pin.fixed for _, pin in parsed):
            raise RuleError(f"{where}: a safe fix needs a bad example with 'fixed' (the sentence after the fix)")
    if raw.get("needs_reader_address") and lang != "fi":
        raise RuleError(f"{where}: needs_reader_address is measured for Finnish text only")
    if raw.get("reader_address", "singular") not in ("singular", "plural"):
        raise RuleError(f"{where}: reader_address must be 'singular' or 'plural'")
    return Rule(
        code=code, name=str(raw["name"]), lang=lang, kind=kind, severity=severity, category=raw["category"],
        message=_lang_map(raw["message"], where + " message", UI_LANGS),
        why=_lang_map(raw["why"], where + " why", ("fi", "en")),
        source=str(raw["source"]).strip(), examples_bad=[text for text, _ in parsed], examples_good=[str(g) for g in good],
        spec=spec, fix=fix, profiles=profiles, origin=where.split(" (")[0], pins=[pin for _, pin in parsed],
        off_in_legal_text=_flag(raw, "off_in_legal_text", where),
        needs_reader_address=_flag(raw, "needs_reader_address", where),
        reader_address=raw.get("reader_address"),
    )


def _flag(raw: dict, key: str, where: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise RuleError(f"{where}: {key} must be true or false")
    return value


# the keys of an unless_after / unless_followed_by shape that are not the shape of the word looked for
CONTEXT_KEYS = frozenset({"window", "first", "last", "stop", "behind"})


def _check_contexts(spec: dict[str, Any], where: str) -> None:
    """unless_after / unless_followed_by: a token shape or a list of them, each with a whole-number
    window >= 1 and perhaps ``first`` or ``last``, the first or last words of a match it applies to,
    ``stop``, the shape of a word that ends the look, and ``behind``, the shape of the word that
    must stand right before the word found."""
    for key in ("unless_after", "unless_followed_by"):
        if key not in spec:
            continue
        shapes = spec[key] if isinstance(spec[key], list) else [spec[key]]
        for context in shapes:
            if not isinstance(context, dict) or not isinstance(context.get("window", 1), int) \
                    or isinstance(context.get("window", 1), bool) or context.get("window", 1) < 1:
                raise RuleError(f"{where}: {key} is a token shape (or a list of them) with a whole-number window >= 1")
            for end in ("first", "last"):
                words = context.get(end)
                if words is not None and (not isinstance(words, list) or not all(isinstance(w, str) for w in words)):
                    raise RuleError(f"{where}: {key}: {end} is a list of words")
            for part in ("stop", "behind"):
                if part in context:
                    if not isinstance(context[part], dict):
                        raise RuleError(f"{where}: {key}: {part} is a token shape")
                    _check_element(context[part], f"{where} ({key}: {part})")
            _check_element({k: v for k, v in context.items() if k not in CONTEXT_KEYS},
                           f"{where} ({key})")


def _check_spec(kind: str, spec: dict[str, Any], where: str) -> None:
    if spec.get("readings", "any") not in ("any", "all"):
        raise RuleError(f"{where}: readings must be any or all")
    if not isinstance(spec.get("off_in_list_items", False), bool):
        raise RuleError(f"{where}: off_in_list_items must be true or false")
    if kind == "lemma":
        if not spec.get("lemmas"):
            raise RuleError(f"{where}: a lemma rule needs 'lemmas'")
        families = spec.get("term_families", [])
        if not isinstance(families, list) or not all(
                isinstance(f, list) and len(f) >= 2 and all(w in spec["lemmas"] for w in f) for f in families):
            raise RuleError(f"{where}: term_families is a list of lists of two or more of the rule's lemmas")
        if families and not spec.get("first_use_only"):
            raise RuleError(f"{where}: term_families only works with first_use_only: true")
        _check_element({"lemma": spec["lemmas"]}, where)
        if "where" in spec:
            _check_element(spec["where"], where)
        _check_contexts(spec, where)
        legal = spec.get("legal_lemmas", [])
        if not isinstance(legal, list) or not all(w in spec["lemmas"] for w in legal):
            raise RuleError(f"{where}: legal_lemmas is a list of the rule's lemmas")
        if "legal_unless_in_sentence" in spec:
            if not isinstance(spec["legal_unless_in_sentence"], dict):
                raise RuleError(f"{where}: legal_unless_in_sentence is a token shape")
            _check_element(spec["legal_unless_in_sentence"], f"{where} (legal_unless_in_sentence)")
    elif kind == "sequence":
        tokens = spec.get("tokens")
        if not isinstance(tokens, list) or len(tokens) < 2:
            raise RuleError(f"{where}: a sequence rule needs 'tokens' with at least two elements")
        for element in tokens:
            _check_element(element, where)
        _check_contexts(spec, where)
        shortest = spec.get("min_sentence_words", 1)
        if isinstance(shortest, bool) or not isinstance(shortest, int) or shortest < 1:
            raise RuleError(f"{where}: min_sentence_words is a whole number of words >= 1")

        def indexed(e: dict) -> bool:
            return ("lemma" in e or "lower" in e or "mood" in e or "participle" in e
                    or ("any" in e and all("lemma" in a for a in e["any"])))

        if not any(indexed(e) for e in tokens):
            raise RuleError(f"{where}: a sequence needs one element with 'lemma', 'lower', 'mood' or 'participle' "
                            "to index it by")
    elif kind == "token":
        if not isinstance(spec.get("where"), dict) or not ({"mood", "participle", "possessive", "min_parts",
                                                            "min_words"} & set(spec["where"])):
            raise RuleError(f"{where}: a token rule needs 'where' with 'mood', 'participle', 'possessive', "
                            "'min_parts' or 'min_words'")
        _check_element(spec["where"], where)
    elif kind == "pattern":
        if "pattern" not in spec:
            raise RuleError(f"{where}: a pattern rule needs 'pattern'")
        # compiled with the flags the engine uses, so that its own compile finds this one in re's cache
        flags = 0 if spec.get("case_sensitive") else re.I
        if _compile(spec["pattern"], where, flags).search("") is not None:
            raise RuleError(f"{where}: the pattern matches the empty string, so it would fire everywhere")
        if "exclude" in spec:
            _compile(spec["exclude"], where, flags)
        if "explained_after_name" in spec:
            if not spec.get("unless_explained"):
                raise RuleError(f"{where}: explained_after_name only works with unless_explained: true")
            _compile(spec["explained_after_name"], where)
        known = spec.get("known_if_frequent")
        if known is not None and (isinstance(known, bool) or not isinstance(known, (int, float)) or not 1 <= known <= 8):
            raise RuleError(f"{where}: known_if_frequent must be a Zipf frequency between 1 and 8")
    elif kind == "sentence":
        if spec.get("metric") not in SENTENCE_METRICS:
            raise RuleError(f"{where}: sentence metric must be one of {SENTENCE_METRICS}")
        _check_threshold(spec, where)
    elif kind == "syntax":
        if spec.get("metric") not in SYNTAX_METRICS:
            raise RuleError(f"{where}: syntax metric must be one of {SYNTAX_METRICS}")
        _check_threshold(spec, where)
    elif kind == "paragraph":
        if spec.get("metric") not in PARAGRAPH_METRICS:
            raise RuleError(f"{where}: paragraph metric must be one of {PARAGRAPH_METRICS}")
        _check_threshold(spec, where)


def _check_threshold(spec: dict[str, Any], where: str) -> None:
    threshold = spec.get("threshold")
    if not isinstance(threshold, dict) or set(threshold) != set(PROFILES):
        raise RuleError(f"{where}: threshold must give a number for each profile {PROFILES}")
    if not all(isinstance(v, (int, float)) for v in threshold.values()):
        raise RuleError(f"{where}: thresholds must be numbers")


def parse_pack(text: str, path: Path | str) -> Any:
    """A pack's YAML as data, every mapping with its ``__line__``."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        raise RuleError(f"{path}: invalid YAML: {exc}") from None


def build_pack(data: Any, lang: str, path: Path | str) -> list[Rule]:
    """Validated rules from a pack's parsed data."""
    if data is None:
        return []
    if not isinstance(data, list):
        raise RuleError(f"{path}: a rule pack is a list of rules")
    return [_build(item, lang, str(path)) for item in data]


def load_pack_file(path: Path | str, lang: str, text: str | None = None) -> list[Rule]:
    text = Path(path).read_text(encoding="utf-8") if text is None else text
    return build_pack(parse_pack(text, path), lang, path)


def load_rules(langs: tuple[str, ...] = ("fi", "sv"), extra_dirs: tuple[Path, ...] = (),
               cache_dir: Path | None = None) -> list[Rule]:
    """The shipped rules of ``langs`` (plus any extra pack folders); duplicate codes are an error.

    The packs' parsed YAML comes from the on-disk cache (``pack_cache``, in ``cache_dir`` or
    the default cache folder) when it is current; each set of languages has its own cache
    file. Should the cached data not build, which only a damaged or forged file can cause,
    the packs are parsed again from their YAML."""
    from selkeys.rules.pack_cache import FILE_NAME, parsed_packs

    sources: list[tuple[str, str, str]] = []  # name, language, text
    packs = resources.files("selkeys.packs")
    for lang in langs:
        folder = packs / lang
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".yaml"):
                sources.append((f"rules/{lang}/{entry.name}", lang, entry.read_text(encoding="utf-8")))
    for extra in extra_dirs:
        for path in sorted(Path(extra).glob("*/*.yaml")):
            sources.append((str(path), path.parent.name, path.read_text(encoding="utf-8")))
    texts = [(name, text) for name, _, text in sources]
    file_name = FILE_NAME if langs == ("fi", "sv") else f"rule-packs-{'-'.join(langs)}.json"
    try:
        return _built(sources, parsed_packs(texts, parse_pack, cache_dir, file_name=file_name))
    except Exception:  # noqa: BLE001 - whatever the cause, the YAML itself decides (and reports its errors)
        return _built(sources, parsed_packs(texts, parse_pack, cache_dir, refresh=True, file_name=file_name))


def _built(sources: list[tuple[str, str, str]], data: list[Any]) -> list[Rule]:
    rules = [rule for (name, lang, _), pack in zip(sources, data) for rule in build_pack(pack, lang, name)]
    seen: dict[str, Rule] = {}
    for rule in rules:
        if rule.code in seen:
            raise RuleError(f"{rule.origin}: duplicate rule code {rule.code} (first defined at {seen[rule.code].origin})")
        seen[rule.code] = rule
    return rules
