"""Runs a language's rules over analysed blocks through indexes.

Word rules are found by the lemmas (or compound heads, or morphological features) of the
tokens at hand, so the cost per token does not grow with the number of rules.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from selkeys.analysis.lexicon import zipf_frequencies
from selkeys.analysis.sentences import is_prose
from selkeys.analysis.tokens import AnalyzedBlock, Sentence, Token
from selkeys.rules import cited_titles, sentence_metrics
from selkeys.rules.constraints import TokenMatcher
from selkeys.rules.measure import Measure
from selkeys.rules.schema import CONTEXT_KEYS, Rule

log = logging.getLogger("selkeys.rules")
_EXPLAINERS = frozenset({"eli", "tarkoittaa", "tarkoitetaan", "toisin", "ts.", "siis",
                         "dvs.", "dvs", "d.v.s.", "alltså", "betyder", "innebär"})  # Swedish ones too
_RELATIVE_FORMS = frozenset(
    "joka jonka jota jossa josta johon jolla jolta jolle jona joksi jotka joiden joita joissa joista joihin "
    "joilla joilta joille joina joiksi mikä minkä mitä missä mistä mihin millä miltä mille mitkä".split())
# rules that measure a whole sentence or paragraph: a cited title is part of what they measure
_WHOLE_SENTENCE_KINDS = frozenset({"sentence", "paragraph", "syntax"})


def _measures_whole_sentence(rule: Rule) -> bool:
    """A sentence or paragraph measure counts a cited title with the rest (its length, for one,
    discounts it); an attribute measured inside a title is a word finding like any other, the
    Finnish participle's and the Swedish premodifier's alike."""
    return rule.kind in _WHOLE_SENTENCE_KINDS and rule.spec.get("metric") not in ("participle_chain", "premodifier")


_TOKEN_INDEX_ATTRS = ("mood", "participle", "possessive")


@dataclass(slots=True)
class Hit:
    """A rule match in block coordinates; the linter turns it into a Finding."""

    rule: Rule
    block_index: int
    start: int
    end: int
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Context:
    """One shape of unless_after / unless_followed_by: the words it looks at, how many, and the
    first or last words of a match it applies to (all when None: "i" after a noun completes the
    noun, "utbildning i användningen av", while "vid" after one does not; an essive after "on
    pidettävä" makes a judgement, "on pidettävä selvänä", while one after "on toimitettava" does
    not)."""

    matcher: TokenMatcher
    window: int
    first: frozenset[str] | None
    last: frozenset[str] | None
    # a word that ends the look before the window does: walking back from a modal, a finite verb
    # closes the subordinate clause whose conjunction stands further back ("En cykelbana som
    # flyttas till körbanans sida ska avskiljas": "som" is not the modal's)
    stop: TokenMatcher | None = None
    # the word found counts only right after a word that fits this: "om" is a preposition after a
    # noun ("Ansökan om utbetalning"), a conjunction elsewhere ("Om ändring görs")
    behind: TokenMatcher | None = None


@dataclass(slots=True)
class _Sequence:
    rule: Rule
    matchers: list[TokenMatcher]
    anchor: int
    # unless_after: the match is dropped when one of the few words before it, in the same clause,
    # fits this ("kunnan on järjestettävä": the duty has a named bearer, it is no faceless order)
    unless_after: tuple[_Context, ...] = ()
    # unless_followed_by: likewise for the few words after it ("Paikan voi hyväksyä myös huoltajan
    # puoliso": a subject after the verb makes it no zero-person instruction)
    unless_followed_by: tuple[_Context, ...] = ()
    # min_sentence_words: only in a sentence at least this long ("Elokuva kertoo saamelaisesineiden
    # palauttamisesta" is light in a short sentence, and adds to the load of a long one)
    min_sentence_words: int = 0


def marks_legal_formulae(rule: Rule) -> bool:
    """Whether the rule's hits may carry the mark of a drafting convention
    (:data:`sentence_metrics.LEGAL_FORMULA`) that legal text leaves out: the participial
    attributes that only cite a provision, and a lemma rule's ``legal_unless_in_sentence`` and
    ``legal_lemmas``."""
    return rule.spec.get("metric") == "participle_chain" or "legal_unless_in_sentence" in rule.spec \
        or "legal_lemmas" in rule.spec


def reads_tokens(rule: Rule) -> bool:
    """Whether a rule's hits in a block depend on the analyser's sentences and tokens, and not
    on the block's text alone.

    A pattern rule matches the text (``_pattern_hits``), except that ``known_if_frequent``
    asks whether a match in capitals reads as an ordinary word (``_word_in_capitals``); every
    other kind walks sentences and readings. The language server publishes the hits of the
    rules that read no tokens before the Swedish tagger has loaded (``Linter.findings_without_tagger``),
    so a key that makes a pattern rule read tokens must be named here."""
    return rule.kind != "pattern" or rule.spec.get("known_if_frequent") is not None


def _explained(tokens: list[Token], i: int, j: int) -> bool:
    """Is the term at tokens[i:j] explained next to it: "(…)", "eli …", "dvs. …", "ns. …", or inside parentheses?"""
    before = tokens[i - 1].text.lower() if i > 0 else ""
    if before in ("ns.", "(", "niin sanottu", "s.k."):
        return True
    for k, tok in enumerate(tokens[j:j + 3], j):
        low = tok.text.lower()
        if low == "det" and k + 1 < len(tokens) and tokens[k + 1].text.lower() == "vill":  # "det vill säga"
            return True
        # a relative clause right after the term may define it ("oikaisuvaatimus, jolla pyydetään ...");
        # "mikäli" (if) and "mikään" (none) only look like one
        if low in ("(", ":", "–") or low in _EXPLAINERS or low in _RELATIVE_FORMS or low.startswith("tarkoit"):
            return True
        if tok.kind == "punct" and low in (".", ";", "!", "?"):
            break
    # a term closing a parenthesis names what the words before it describe ("... påverkas av beslutet (part)")
    return j < len(tokens) and tokens[j].text == ")"


def _defines_item(block: AnalyzedBlock, tokens: list[Token], i: int) -> bool:
    """Is the term at tokens[i] the one a definition list item opens with, in the adessive of a
    Finnish statute's list ("2) hulevedellä maan pinnalta … pois johdettavia sade- tai
    sulamisvesiä"): the item is its explanation (audit round 62: judged wrong as unexplained)."""
    if block.kind != "list_item" or not tokens[i].readings \
            or not all(r.case == "ade" for r in tokens[i].readings):
        return False
    return all(t.kind in ("number", "punct", "space") for t in tokens[:i])


class RuleSet:
    """The rules of one language and profile, indexed for dispatch."""

    def __init__(self, rules: list[Rule], profile: str = "plain", thresholds: dict[str, float] | None = None,
                 vocabulary: frozenset[str] = frozenset(), deep: bool = False) -> None:
        self.profile = profile
        self.vocabulary = frozenset(v.lower() for v in vocabulary)
        self.thresholds = thresholds or {}
        self.lemma_index: dict[str, list[tuple[Rule, TokenMatcher]]] = defaultdict(list)
        self.head_index: dict[str, list[tuple[Rule, TokenMatcher]]] = defaultdict(list)
        self.seq_lemma: dict[str, list[_Sequence]] = defaultdict(list)
        self.seq_lower: dict[str, list[_Sequence]] = defaultdict(list)
        # sequences whose anchor is a word form rather than a word ("käsittelyn viivästyminen":
        # any MINEN-infinitive), by (attribute, value) as for token rules
        self.seq_form: dict[tuple[str, str], list[_Sequence]] = defaultdict(list)
        self.token_index: dict[tuple[str, str], list[tuple[Rule, TokenMatcher]]] = defaultdict(list)
        self.compound_rules: list[tuple[Rule, TokenMatcher]] = []
        self.patterns: list[tuple[Rule, re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None,
                                  frozenset[str] | None]] = []
        self.sentence_rules: list[Rule] = []
        self.paragraph_rules: list[Rule] = []
        self.syntax_rules: list[Rule] = []
        self._candidate_cache: dict[object, tuple[tuple[str, object, str], ...]] = {}
        # Voikko's readings are a function of the form; the Swedish tagger's depend on the sentence
        self._readings_follow_form = all(r.lang == "fi" for r in rules)
        self.failed: set[str] = set()  # rules that raised; see _safely
        # lemma and token rules' unless_after / unless_followed_by
        self._word_context: dict[str, tuple[tuple[_Context, ...], tuple[_Context, ...]]] = {}
        self._legal_veto: dict[str, TokenMatcher] = {}  # lemma rules' legal_unless_in_sentence
        # (rule code, lemma) -> the first lemma of its term family, the key of its first use
        self._term_family: dict[tuple[str, str], str] = {}
        self.rules = [r for r in rules if profile in r.profiles and (deep or r.kind != "syntax")]
        for rule in self.rules:
            self._index(rule)

    def threshold(self, rule: Rule) -> float:
        return self.thresholds.get(rule.code, rule.spec["threshold"][self.profile])

    def _index(self, rule: Rule) -> None:
        spec = rule.spec
        default = spec.get("readings", "any")
        if rule.kind in ("lemma", "token") and ("unless_after" in spec or "unless_followed_by" in spec):
            self._word_context[rule.code] = (_contexts(spec.get("unless_after"), default),
                                             _contexts(spec.get("unless_followed_by"), default))
        if rule.kind == "lemma":
            if "legal_unless_in_sentence" in spec:
                self._legal_veto[rule.code] = TokenMatcher(spec["legal_unless_in_sentence"], default)
            for family in spec.get("term_families", ()):
                for member in family:
                    self._term_family[(rule.code, member.lower())] = family[0].lower()
            where = dict(spec.get("where", {}))
            matcher = TokenMatcher({**where, "lemma": spec["lemmas"]}, default)
            for lemma in matcher.lemmas or ():
                self.lemma_index[lemma].append((rule, matcher))
            if spec.get("compounds"):
                head_matcher = TokenMatcher({**where, "head": spec["lemmas"]}, default)
                for lemma in matcher.lemmas or ():
                    self.head_index[lemma].append((rule, head_matcher))
        elif rule.kind == "sequence":
            matchers = [TokenMatcher(e, default) for e in spec["tokens"]]
            anchor = next((i for i, m in enumerate(matchers) if m.lemmas is not None or m.lowers is not None), None)
            if anchor is None:
                anchor, attr = next((i, a) for i, e in enumerate(spec["tokens"]) for a in _TOKEN_INDEX_ATTRS if a in e)
                seq = _Sequence(rule, matchers, anchor, _contexts(spec.get("unless_after"), default),
                                _contexts(spec.get("unless_followed_by"), default), spec.get("min_sentence_words", 0))
                values = spec["tokens"][anchor][attr]
                for value in values if isinstance(values, list) else [values]:
                    self.seq_form[(attr, str(value))].append(seq)
                return
            seq = _Sequence(rule, matchers, anchor, _contexts(spec.get("unless_after"), default),
                            _contexts(spec.get("unless_followed_by"), default), spec.get("min_sentence_words", 0))
            if matchers[anchor].lemmas is not None:
                for lemma in matchers[anchor].lemmas:
                    self.seq_lemma[lemma].append(seq)
            else:
                for lower in matchers[anchor].lowers or ():
                    self.seq_lower[lower].append(seq)
        elif rule.kind == "token":
            matcher = TokenMatcher(spec["where"], default)
            if {"min_parts", "min_words"} & set(spec["where"]):
                self.compound_rules.append((rule, matcher))
                return
            for attr in _TOKEN_INDEX_ATTRS:
                if attr in spec["where"]:
                    values = spec["where"][attr]
                    for value in values if isinstance(values, list) else [values]:
                        self.token_index[(attr, str(value))].append((rule, matcher))
                    break
        elif rule.kind == "pattern":
            flags = 0 if spec.get("case_sensitive") else re.I
            exclude = re.compile(spec["exclude"], flags) if spec.get("exclude") else None
            named = re.compile(f"(?:{spec['explained_after_name']})\\s*$") if spec.get("explained_after_name") else None
            self.patterns.append((rule, re.compile(spec["pattern"], flags), exclude, named,
                                  required_literals(spec["pattern"])))
        elif rule.kind == "sentence":
            self.sentence_rules.append(rule)
        elif rule.kind == "paragraph":
            self.paragraph_rules.append(rule)
        elif rule.kind == "syntax":
            self.syntax_rules.append(rule)

    # -- running --------------------------------------------------------------------
    def run(self, blocks: list[AnalyzedBlock]) -> list[Hit]:
        """Candidate hits of blocks, each block on its own.

        Blocks are independent here, so they can be linted in any order or process; what
        depends on the whole document (first use of a term, accepted vocabulary) is left to
        :meth:`resolve`.
        """
        hits: list[Hit] = []
        for block in blocks:
            first = len(hits)
            # every cited title found carries an act's number (852/2004), or is a treaty that a
            # Swedish decree puts "i kraft"
            titles = cited_titles.cited_title_spans(block.text, block.lang) \
                if "/" in block.text or (block.lang == "sv" and " i kraft" in block.text) else []
            # a Finnish act cited by its title ("… annettu laki") keeps its words in a sentence's
            # length: the dev annotators mark such sentences long all the same
            act_titles = [span for sentence in block.sentences for span in cited_titles.finnish_act_titles(
                sentence.tokens)] if block.lang == "fi" and ("annet" in block.text or "tehty" in block.text or "tehd" in block.text) else []
            # a heading is a label, not prose: only what the reader cannot decode (abbreviations,
            # acronyms) is worth a remark there (_run_words and _run_patterns leave the rest out)
            # an item of a list of EU acts, each cited by its Finnish title and number ("2) … annettu
            # Euroopan parlamentin ja neuvoston asetus (EY) N:o 882/2004"), names one act (audit round 26:
            # two such items reported as long sentences judged wrong); inside running text the title
            # still counts, since judges found a sentence with a title inserted hard to read
            numbered = titles + cited_titles.with_eu_number(act_titles, block.text) \
                if block.kind == "list_item" else titles
            for sentence in block.sentences:
                self._run_words(block, sentence, hits)
                if block.kind not in ("heading", "table_cell") and is_prose(sentence):
                    self._run_sentence(block, sentence, hits, numbered)
                    if self.syntax_rules:
                        self._run_syntax(block, sentence, hits)
            self._run_patterns(block, hits)
            if block.kind == "paragraph":
                self._run_paragraph(block, hits)
            if ")" in block.text or block.kind == "list_item":
                openings = [span for n, sentence in enumerate(block.sentences) for span in
                            sentence_metrics.list_item_openings(sentence, n == 0 and block.kind == "list_item")]
                if openings:
                    hits[first:] = [h for h in hits[first:] if h.rule.category != "nominal-style"
                                    or not any(a <= h.start < b for a, b in openings)]
            if block.kind == "list_item":
                hits[first:] = [h for h in hits[first:] if not h.rule.spec.get("off_in_list_items")]
            # the quotations of the block, read once for the cited wording and the quoted labels
            quoted = _quoted_spans(block.text) if any(q in block.text for q in _QUOTE_PAIRS) else []
            named = titles + act_titles + _cited_wording(block.text, quoted) + _postal_addresses(block.text) \
                + cited_titles.criterion_titles(block.text)
            if block.lang == "sv":
                named += cited_titles.swedish_title_openings(block.text)
            if named:
                hits[first:] = [h for h in hits[first:] if _measures_whole_sentence(h.rule)
                                or not cited_titles.inside(named, h.start, h.end)]
            labels = _quoted_labels(block.text, quoted)
            if labels:
                hits[first:] = [h for h in hits[first:] if h.rule.category not in _REWORDING
                                or not cited_titles.inside(labels, h.start, h.end)]
        return hits

    def resolve(self, hits: list[Hit]) -> list[Hit]:
        """Document-level filtering of hits in document order: only the first use of a term
        can fire (and none if the first use was explained); accepted vocabulary never fires;
        and two word rules of one category that flag the same words are one finding, the first
        rule's ("tehnyt kuntayhtymälle ilmoituksen" is one hidden verb, not FI-NOUN-002's and
        FI-NOUN-003's); a sentence or paragraph measure that marks a word says something else."""
        seen: set[str] = set()
        flagged: set[tuple[int, int, int, str]] = set()
        kept = []
        for hit in sorted(hits, key=lambda h: (h.block_index, h.start, h.rule.code)):
            key = hit.values.pop("first_use", None)
            explained = hit.values.pop("explained", None)
            if key is not None:
                if key in seen:
                    continue
                seen.add(key)
            if explained or self._accepted(hit):
                continue
            if hit.rule.kind not in _WHOLE_SENTENCE_KINDS:
                span = (hit.block_index, hit.start, hit.end, hit.rule.category)
                if span in flagged:
                    continue
                flagged.add(span)
            kept.append(hit)
        return kept

    def _accepted(self, hit: Hit) -> bool:
        if not self.vocabulary:
            return False
        matched = hit.values.get("matched", "").lower()
        return matched in self.vocabulary or hit.values.get("lemma", "").lower() in self.vocabulary

    def _run_words(self, block: AnalyzedBlock, sentence: Sentence, hits: list[Hit]) -> None:
        tokens = sentence.tokens
        heading = block.kind == "heading"
        known = self._candidate_cache.get
        by_form = self._readings_follow_form
        for i, tok in enumerate(tokens):
            if tok.kind != "word":
                continue
            # most forms start no rule: then a token costs this lookup (see _candidates for the key)
            key = tok.text if by_form or len(tok.readings) != 1 else (tok.text, tok.readings[0])
            candidates = known(key)
            if candidates is None:
                candidates = self._candidates(tok, key)
            if not candidates:
                continue
            fired: set[str] = set()
            for kind, target, lemma in candidates:
                code = target.rule.code if kind == "seq" else target.code
                if code in fired or (heading and (target.rule if kind == "seq" else target).category != "abbreviations"):
                    continue
                if kind == "lemma":
                    ok = self._safely(target, self._lemma_hit, target, block, tokens, i, lemma, hits)
                elif kind == "seq":
                    ok = self._safely(target.rule, self._sequence, target, block, tokens, i, hits)
                elif target.code in self.failed or self._vetoed_here(target, tokens, i):
                    continue
                else:
                    ok = True
                    values = {"matched": tok.text, "lemma": lemma} if lemma else {"matched": tok.text}
                    if target.spec.get("first_use_only"):  # a long term repeated is one finding, at its first use
                        key = lemma or (tok.readings[0].lemma if tok.readings else tok.text)
                        values["first_use"] = f"{target.code}|{key.lower()}"
                    hits.append(Hit(target, block.index, tok.start, tok.end, values))
                if ok:
                    fired.add(code)

    def _candidates(self, tok: Token, key: object) -> tuple[tuple[str, object, str], ...]:
        """The rules a word form can start, with its single-token conditions already checked,
        kept under ``key`` for the next token of the same form.

        Depends only on the form and its readings, so it is worked out once per distinct form;
        most forms have none, and then a token costs one dict lookup. A form with one reading
        from a tagger can read differently in another sentence ("Ring oss" vs "en ring"), so
        there the key is the form and the reading (hashing it costs as much again as the lookup).
        """
        entries: list[tuple[str, object, str]] = []
        for reading in tok.readings:
            lemma = reading.lemma.lower()
            for rule, matcher in self.lemma_index.get(lemma, ()):
                if self._safely(rule, matcher, tok):
                    entries.append(("lemma", rule, lemma))
            if reading.parts:
                head = reading.head.lower()
                for rule, matcher in self.head_index.get(head, ()):
                    if self._safely(rule, matcher, tok):  # a compound is reported under its head ("klusteri" in "päiväkotiklusteri")
                        entries.append(("lemma", rule, head))
            for seq in self.seq_lemma.get(lemma, ()):
                if self._safely(seq.rule, seq.matchers[seq.anchor], tok):
                    entries.append(("seq", seq, ""))
            for attr in _TOKEN_INDEX_ATTRS:
                value = getattr(reading, attr)
                if value is None:
                    continue
                for rule, matcher in self.token_index.get((attr, value), ()):
                    if self._safely(rule, matcher, tok):
                        entries.append(("token", rule, reading.lemma))
                for seq in self.seq_form.get((attr, value), ()):
                    if self._safely(seq.rule, seq.matchers[seq.anchor], tok):
                        entries.append(("seq", seq, ""))
        if self.compound_rules and any(r.parts for r in tok.readings):
            for rule, matcher in self.compound_rules:
                if self._safely(rule, matcher, tok):
                    entries.append(("token", rule, ""))
        for seq in self.seq_lower.get(tok.text.lower(), ()):
            if self._safely(seq.rule, seq.matchers[seq.anchor], tok):
                entries.append(("seq", seq, ""))
        result = tuple(entries)
        if len(self._candidate_cache) > 300_000:
            self._candidate_cache.clear()
        self._candidate_cache[key] = result
        return result

    def _vetoed_here(self, rule: Rule, tokens: list[Token], i: int) -> bool:
        """Does a word before or after tokens[i] rule out the lemma or token rule's match there?"""
        context = self._word_context.get(rule.code)
        if context is None:
            return False
        before, after = context
        return _vetoed(before, tokens, i - 1, -1, tokens[i], tokens[i]) \
            or _vetoed(after, tokens, i + 1, 1, tokens[i], tokens[i])

    def _lemma_hit(self, rule: Rule, block: AnalyzedBlock, tokens: list[Token], i: int, lemma: str,
                   hits: list[Hit]) -> bool:
        spec = rule.spec
        tok = tokens[i]
        if self._vetoed_here(rule, tokens, i):
            return False
        values = {"matched": tok.text, "lemma": lemma}
        veto = self._legal_veto.get(rule.code)
        if lemma in spec.get("legal_lemmas", ()) or (
                veto is not None and any(t.kind == "word" and j != i and veto(t) for j, t in enumerate(tokens))):
            values[sentence_metrics.LEGAL_FORMULA] = "1"  # selkeys.lint leaves it out of legal text
        if spec.get("unless_explained") and (_explained(tokens, i, i + 1) or _defines_item(block, tokens, i)):
            if not spec.get("first_use_only"):
                return False
            values["explained"] = "1"  # kept as a marker: an explained first use clears later ones
        if spec.get("first_use_only"):
            values["first_use"] = f"{rule.code}|{self._term_family.get((rule.code, lemma), lemma)}"
        if rule.fix and rule.fix.by_lemma:
            values["suggestion"] = rule.fix.by_lemma.get(lemma, "")
        hits.append(Hit(rule, block.index, tok.start, tok.end, values))
        return True

    def _sequence(self, seq: _Sequence, block: AnalyzedBlock, tokens: list[Token], i: int,
                  hits: list[Hit]) -> bool:
        matchers = seq.matchers  # the anchor matched: _candidates offers only sequences whose anchor fits
        after = _match_forward(matchers, seq.anchor + 1, tokens, i + 1)
        if after is None:
            return False
        # the nearest start that no word before it rules out: "Begäran om [omprövning] får göras"
        # is no finding on "omprövning", whose "om" makes it a complement, but one on "Begäran"
        before = next((b for b in _backward_starts(matchers, seq.anchor - 1, tokens, i - 1)
                       if not _vetoed(seq.unless_after, tokens, b - 1, -1, tokens[b], tokens[after - 1])), None)
        if before is None:
            return False
        if _vetoed(seq.unless_followed_by, tokens, after, 1, tokens[before], tokens[after - 1]):
            return False
        if seq.min_sentence_words and sum(1 for t in tokens if t.kind == "word") < seq.min_sentence_words:
            return False
        first, last = tokens[before], tokens[after - 1]
        matched_tokens = tokens[before:after]
        values = {"matched": block.text[first.start:last.end]}
        if seq.rule.fix and seq.rule.fix.by_lemma:
            # the first word that has one: the head noun, not its complement ("Avbokningen av
            # bokningen måste göras" → avboka, not boka)
            for tok in matched_tokens:
                for reading in tok.readings:
                    suggestion = seq.rule.fix.by_lemma.get(reading.lemma.lower())
                    if suggestion and "suggestion" not in values:
                        values["suggestion"] = suggestion
                        values["lemma"] = reading.lemma
        hits.append(Hit(seq.rule, block.index, first.start, last.end, values))
        return True

    def _run_patterns(self, block: AnalyzedBlock, hits: list[Hit]) -> None:
        lowered = block.text.lower()
        for rule, pattern, exclude, named, literals in self.patterns:
            if block.kind == "heading" and rule.category != "abbreviations":
                continue
            if literals is not None:
                for literal in literals:
                    if literal in lowered:
                        break
                else:
                    continue
            self._safely(rule, self._pattern_hits, rule, pattern, exclude, named, block, hits)

    @staticmethod
    def _pattern_hits(rule: Rule, pattern: re.Pattern[str], exclude: re.Pattern[str] | None,
                      named: re.Pattern[str] | None, block: AnalyzedBlock, hits: list[Hit]) -> None:
        skip_names = rule.spec.get("skip_names")
        known = rule.spec.get("known_if_frequent")
        quoted = _quoted_spans(block.text) if skip_names else ()
        for m in pattern.finditer(block.text):
            matched = m.group(0)
            if exclude is not None and exclude.fullmatch(matched):
                continue
            if skip_names and _in_name(block.text, m.start(), m.end(), quoted):
                continue
            if known is not None and len(matched) >= 3 and matched.isupper() and (
                    zipf_frequencies(rule.lang).get(matched.lower(), 0.0) >= known
                    or (len(matched) >= 4 and _word_in_capitals(block, m.start(), m.end()))):
                continue
            values = {"matched": matched}
            if rule.fix and rule.fix.by_lemma:  # each phrase its own replacement, not the whole list
                values["suggestion"] = rule.fix.by_lemma.get(" ".join(matched.lower().split()), "")
            first_use = rule.spec.get("first_use_only")
            if first_use:  # a named alternative is one term in all its forms ("tiedoksisaannista", "Tiedoksisaantipäivää")
                values["first_use"] = f"{rule.code}|{m.lastgroup or matched.lower()}"
            if rule.spec.get("unless_explained") and _acronym_in_name(block.text, m.start(), m.end(),
                                                                       block.kind == "list_item"):
                continue
            if rule.spec.get("unless_explained") and (
                    _pattern_explained(block.text, m.start(), m.end())
                    or (named is not None and named.search(block.text, max(0, m.start() - 60), m.start()))):
                if not first_use:
                    continue
                values["explained"] = "1"
            hits.append(Hit(rule, block.index, m.start(), m.end(), values))

    def _run_sentence(self, block: AnalyzedBlock, sentence: Sentence, hits: list[Hit],
                      titles: list[tuple[int, int]]) -> None:
        for rule in self.sentence_rules:
            self._safely(rule, self._sentence_hit, rule, block, sentence, hits, titles)

    def _sentence_hit(self, rule: Rule, block: AnalyzedBlock, sentence: Sentence, hits: list[Hit],
                      titles: list[tuple[int, int]]) -> None:
        limit = self.threshold(rule)
        for result in sentence_metrics.evaluate(rule.spec["metric"], sentence):
            inside_titles = 0
            if titles and rule.spec["metric"] == "words":  # a cited title is one name
                inside_titles = cited_titles.words_inside(titles, block.text, result.start, result.end)
                result = Measure(result.value - inside_titles, result.start, result.end)
            if result.value > limit:
                values = {"matched": block.text[result.start:result.end], "value": f"{result.value:g}",
                          "limit": f"{limit:g}"}
                if inside_titles:
                    # the reader sees more words than the message counts: selkeys.lint says why
                    values[TITLE_AS_ONE_WORD] = "1"
                if result.detail == sentence_metrics.LEGAL_FORMULA:
                    values[sentence_metrics.LEGAL_FORMULA] = "1"
                hits.append(Hit(rule, block.index, result.start, result.end, values))

    def _run_syntax(self, block: AnalyzedBlock, sentence: Sentence, hits: list[Hit]) -> None:
        from selkeys.analysis.deep import syntax_parser

        if len(sentence.words) < 4:
            return
        doc = syntax_parser().parse(block.text[sentence.start:sentence.end])
        for rule in self.syntax_rules:
            self._safely(rule, self._syntax_hit, rule, block, sentence, doc, hits)

    def _syntax_hit(self, rule: Rule, block: AnalyzedBlock, sentence: Sentence, doc, hits: list[Hit]) -> None:
        from selkeys.analysis.deep import SYNTAX_METRICS

        limit = self.threshold(rule)
        result = SYNTAX_METRICS[rule.spec["metric"]](doc)
        if result is not None and result[0] > limit:
            start, end = sentence.start + result[1], sentence.start + result[2]
            hits.append(Hit(rule, block.index, start, end,
                            {"matched": block.text[start:end], "value": str(result[0]), "limit": f"{limit:g}"}))

    def _run_paragraph(self, block: AnalyzedBlock, hits: list[Hit]) -> None:
        for rule in self.paragraph_rules:
            if len(block.sentences) >= int(rule.spec.get("min_sentences", 1)):
                self._safely(rule, self._paragraph_hit, rule, block, hits)

    def _paragraph_hit(self, rule: Rule, block: AnalyzedBlock, hits: list[Hit]) -> None:
        limit = self.threshold(rule)
        result = sentence_metrics.evaluate_paragraph(rule.spec["metric"], block.sentences)
        if result is not None and result.value > limit:
            fmt = "{:.0%}" if rule.spec["metric"] == "passive_share" else "{:.1f}"
            hits.append(Hit(rule, block.index, result.start, result.end,
                            {"matched": block.text[result.start:result.end], "value": fmt.format(result.value),
                             "limit": fmt.format(limit), "detail": result.detail}))

    def _safely(self, rule: Rule, step, *args) -> bool:
        """Run one step of one rule. A rule that raises is logged once and left out from then on,
        so one broken rule (say, in a user's own pack) never stops the others from reporting."""
        if rule.code in self.failed:
            return False
        try:
            return step(*args) is not False
        except Exception:  # noqa: BLE001 - isolation is the point
            log.exception("rule %s failed and is skipped from now on", rule.code)
            self.failed.add(rule.code)
            return False


def _literal_prefixes(seq) -> tuple[set[str], bool] | None:
    """Literal text one of which starts every match of a parsed pattern (after zero-width
    assertions), and whether the whole of ``seq`` was consumed; None when unknown."""
    from re import _constants as c  # the parser's own opcodes

    found = {""}
    for op, arg in seq:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        if op is c.LITERAL:
            found = {f + chr(arg) for f in found}
            continue
        if op is c.IN and len(arg) <= 4 and all(kind is c.LITERAL for kind, _ in arg):  # [Aa]
            found = {f + chr(code) for f in found for _, code in arg}
            continue
        if op is c.SUBPATTERN or op is c.BRANCH:
            branches = [arg[-1]] if op is c.SUBPATTERN else arg[1]
            inner = [_literal_prefixes(b) for b in branches]
            if any(i is None for i in inner):
                return found, False
            found = {f + x for f in found for i in inner for x in i[0]}
            if len(found) > 64:
                return None
            if all(i[1] for i in inner):
                continue
        return found, False
    return found, True


def required_literals(pattern: str) -> frozenset[str] | None:
    """Lower-case strings of which every match contains one, for a cheap pre-check per block.

    A pattern that starts with a look-behind cannot use the regular-expression engine's own
    literal search, so a block is first tested with ``in`` (a fast scan) and the pattern runs
    only where one of these strings occurs. None when the pattern has no such literal.
    """
    try:
        from re import _parser
    except ImportError:  # pragma: no cover - other Python implementations
        return None
    result = _literal_prefixes(_parser.parse(pattern))
    if result is None or any(len(x) < 2 for x in result[0]):
        return None
    return frozenset(x.lower() for x in result[0])


_COMPOUND_TAIL = re.compile(r"-\w+")


def _pattern_explained(text: str, start: int, end: int) -> bool:
    """An abbreviation in parentheses explains the words before it ("Kansaneläkelaitos (Kela)");
    one followed by '(' is explained after ("Kela (Kansaneläkelaitos)"), and so is one after
    "eli" ("Terveyden ja hyvinvoinnin laitos eli THL"); an abbreviation that starts a compound
    is explained by a parenthesis after the compound ("CSS-formatmallar (Cascading …)"). One
    that merely ends a longer parenthesis ("(tomt, lägenhet o.dyl.)") is not an explanation. A
    statute's "…miljörevisionsordning, nedan EMAS-ordningen" or "… (jäljempänä TSE-asetus)" gives
    the name it abbreviates first, and so explains its later uses (audit round 31: a later
    "TSE-asetuksen" reported as unexplained, judged wrong)."""
    before = text[max(0, start - 2):start]
    compound = _COMPOUND_TAIL.match(text, end)  # "XSLT-fil (Extensible Stylesheet …)"
    if compound:
        end = compound.end()
    after = text[end:end + 3].lstrip()
    rest = text[end:end + 20].lstrip(" ,")  # "YVA eli ...", "laga kraft, dvs. …", "det vill säga"
    return "(" in before or after.startswith(("(", "=")) or rest.startswith(("eli ", "dvs", "d.v.s", "det vill säga")) \
        or text[max(0, start - 5):start].endswith((" eli ", ", dvs. ")) or _spelled_out_before(text, start, end) \
        or _spelled_out_after(text, start, end) \
        or bool(_NAMED_HEREAFTER.search(text, max(0, start - 30), start))


# "…, nedan EMAS-ordningen", "(jäljempänä TSE-asetus)", also past one word ("jäljempänä EU:n
# DORA-asetus"), and "standardutsäde, förkortning ST" (audit round 71: both judged wrong as unexplained)
_NAMED_HEREAFTER = re.compile(r"(?:\bnedan|\bjäljempänä|\blyhennettynä|\bförkortning(?:en)?|\blyhenne|\blyhenteenä)"
                              r"\s+(?:[\w:]+\s+)?$")
_SPELLING_WORD = re.compile(r"[^\W\d_]+")
_LINKING_WORDS = frozenset("for of in the and on och för i av ja".split())


def _spelled_out_before(text: str, start: int, end: int) -> bool:
    """"(Office for Harmonization in the Internal Market, OHIM)": an acronym closing a parenthesis
    is explained when the words before it in the parenthesis begin with its letters, or when they
    are a name of their own set off by a comma, the acronym being its international short form:
    "(elakartad lungsjuka hos nötkreatur, CBPP)" (audit round 69: judged wrong as unexplained)."""
    if not text[end:end + 1] == ")":
        return False
    opening = text.rfind("(", 0, start)
    if opening < 0:
        return False
    if _NAME_THEN_ACRONYM.fullmatch(text, opening + 1, start):
        return True
    initials = "".join(w[0] for w in _SPELLING_WORD.findall(text, opening, start) if w.lower() not in _LINKING_WORDS)
    return initials.upper().endswith(text[start:end])


# "elakartad lungsjuka hos nötkreatur, " before the acronym that closes the parenthesis
_NAME_THEN_ACRONYM = re.compile(r"[^\W\d_]+(?:[ -][^\W\d_]+)+,\s")


# the word an acronym names ("URN identifierare (Uniform Resource Name)")
_NAMED_WORD = re.compile(r"\s+[a-zåäöé-]+\s+\(([^()]{3,80})\)")


def _spelled_out_after(text: str, start: int, end: int) -> bool:
    """"URN identifierare (Uniform Resource Name)": an acronym followed by the word for what it is
    and a parenthesis whose words begin with its letters is explained (audit round 64: judged wrong
    as unexplained)."""
    named = _NAMED_WORD.match(text, end)
    if named is None:
        return False
    words = [w for w in _SPELLING_WORD.findall(named.group(1)) if w.lower() not in _LINKING_WORDS]
    return "".join(w[0] for w in words).upper() == text[start:end]


# "TA Distribution Finland Oy", "POEM-stiftelse", "MKB-målet": an acronym that is part of a
# company's, a foundation's or a case's name is read as the name (audit of unseen statutes and
# decisions, 2026-12-03: an independent judge called each such finding wrong)
# (also right before the company form: "Finlands Naturfotografer SLV rf", audit round 69)
_COMPANY_NAME = re.compile(r"(?:\s+[A-ZÅÄÖ][\w&-]*){0,4}\s+(?:Oyj?|Abp?|AB|Ltd|Inc|GmbH|rf|ry|r\.f\.|r\.y\.)(?!\w)")
# "Kiint-eistö Oy ADM": the company form before it (audit round 69)
_COMPANY_BEFORE = re.compile(r"(?<![\w-])(?:Oyj?|Abp?|AB|Ky|Kb)\s+$")
_NAMED_BODY = re.compile(r"-(?:stiftelse|förening|tävling|säätiö|yhdistys|kilpailu|målet|fallet|tapaus)\w*", re.IGNORECASE)
# "FRK Blodtjänst", "TAYS Sydänsairaala": an acronym followed by a capitalised word opens a name
_NAME_GOES_ON = re.compile(r" [A-ZÅÄÖ][a-zåäöé]{2,}")
# "tavaramerkin SAVOX", "varumärket ARLA": a mark written in capitals is a name
_TRADEMARK_BEFORE = re.compile(r"(?:tavaramerk|varumärke|toiminim)\w*\s+$", re.IGNORECASE)
# "14) ISA infektiös laxanemi": a list line that gives the acronym and then its meaning defines it
_LIST_LINE_START = re.compile(r"(?:^|\n)[ \t]*(?:[-•*][ \t]*(?:\d+[a-z]?\)|[a-z]\))?|\d+[a-z]?\)|[a-z]\))[ \t]*$")


def _acronym_in_name(text: str, start: int, end: int, list_item: bool) -> bool:
    """Whether an acronym is part of a name, or is defined by the list line it opens (a list
    item's own text, whose marker the reader has taken off, or a line of a paragraph)."""
    if (_COMPANY_NAME.match(text, end) or _NAMED_BODY.match(text, end) or _NAME_GOES_ON.match(text, end)
            or _TRADEMARK_BEFORE.search(text, max(0, start - 25), start)
            or _COMPANY_BEFORE.search(text, max(0, start - 6), start)):
        return True
    if not text[start:end].isupper():
        return False
    line_start = text.rfind("\n", 0, start) + 1
    opens_line = (list_item and start == 0) or bool(
        _LIST_LINE_START.match(text, line_start - 1 if line_start else 0, start))
    return opens_line and text[end:end + 1] == " " and text[end + 1:end + 2].islower()


_QUOTE_PAIRS = {'"': '"', "”": "”", "“": "”", "»": "»", "«": "»", "„": "”"}


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Stretches of text between paired quotation marks (titles, names, cited wording)."""
    spans, i = [], 0
    while i < len(text):
        close = _QUOTE_PAIRS.get(text[i])
        if close is not None:
            j = text.find(close, i + 1)
            if j > i and "\n" not in text[i:j]:
                spans.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return spans


_MIN_CITED_WORDS = 3


def _cited_wording(text: str, quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotations of several words inside a sentence: a law's concept or wording cited as written
    ("käsitteeseen "tunnustetut, sosiaalisia hyvinvointipalveluja tuottavat laitokset"": audit
    round 28, a long-attribute finding inside it judged wrong), which the writer cannot reword. One
    or two quoted words are more often a term the writer marks, and a quotation of whole sentences
    (a dissenting member's opinion in a court decision) is prose of the decision: both stay checked.
    ``quoted``: the text's quotations (:func:`_quoted_spans`)."""
    return [(a, b) for a, b in quoted
            if len(text[a:b].split()) >= _MIN_CITED_WORDS and not _SENTENCE_END.search(text, a, b - 1)]


_SENTENCE_END = re.compile(r"[.!?]\s")

# the rules that ask the writer to reword: a quoted name cannot be reworded
_REWORDING = frozenset({"nominal-style", "words"})


def _quoted_labels(text: str, quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotations of one or two words: the name of a field, a tab or a statutory expression
    ('mahdollistaa laissa mainittu "puhelujen rajoittaminen"', 'kenttään "Tuotteiden
    tarjoustiedot/spesifikaatiot"'), which the writer cites and cannot reword (audit rounds 1-62:
    the three rewording findings judged inside such quotes, all wrong). A term the writer marks
    with quotes still gets the term and abbreviation rules. ``quoted``: as for :func:`_cited_wording`."""
    return [(a, b) for a, b in quoted if len(text[a:b].split()) < _MIN_CITED_WORDS]


# a postal code and its town ("90015 Oulun kaupunki", "00520 Helsinki", "PB 71, 02070 Esbo")
_POSTAL_CODE = re.compile(r"\b\d{5}\s+[A-ZÅÄÖ][\wåäö-]+")
_ADDRESS_OPENS = re.compile(r"[:;.\n]")
_MAX_ADDRESS = 100  # characters from the addressee's name to the town
_MAX_ADDRESSEE_WORDS = 5


def _postal_addresses(text: str) -> list[tuple[int, int]]:
    """Postal addresses given on their own, from the addressee's name to the town ("postitse:
    [Oulun kaupungin kirjaamo, PL 71, 90015 Oulun kaupunki]"): a name and a place, not wording of
    the writer's to reword (audit round 37: "kirjaamo" there reported as a legal term to explain,
    judged wrong). Only an address that opens after a colon, a semicolon, a full stop or a line
    break with a short name: one inside a sentence ("Besvärsskriften skall lämnas till … registratorskontor,
    Unionsgatan 16, 00130 Helsingfors") keeps the sentence's own words checked."""
    spans = []
    for code in _POSTAL_CODE.finditer(text):
        lower = max(0, code.start() - _MAX_ADDRESS)
        opens = [m.end() for m in _ADDRESS_OPENS.finditer(text, lower, code.start())]
        if not opens and lower > 0:
            continue
        start = opens[-1] if opens else 0
        name, comma, _ = text[start:code.start()].partition(",")
        if comma and 0 < len(name.split()) <= _MAX_ADDRESSEE_WORDS:
            spans.append((start, code.end()))
    return spans


_CONTENT_POS = frozenset({"noun", "verb", "adj"})


def _word_in_capitals(block: AnalyzedBlock, start: int, end: int) -> bool:
    """A word of the language written in capitals, as a label or for emphasis ("SULJE", "TÄYTÄ",
    "MAKSU"): the analyser reads it as an ordinary word, where an acronym (THL, YVA) has no
    reading or reads as an abbreviation."""
    for sentence in block.sentences:
        if sentence.start <= start < sentence.end:
            for tok in sentence.tokens:
                if tok.start == start and tok.end == end:
                    return any(r.pos in _CONTENT_POS for r in tok.readings)
    return False


def _in_name(text: str, start: int, end: int, quoted: list[tuple[int, int]] | tuple = ()) -> bool:
    """Whether a match lies in a quotation or is (part of) a capitalised word that does not
    start a sentence: a proper name or a cited title ("Regionförvaltningsverket", "rapporten
    Utbildningsinsatser för vuxna")."""
    if any(a <= start and end <= b for a, b in quoted):
        return True
    word_start = start
    while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] == "-"):
        word_start -= 1
    if not text[word_start:word_start + 1].isupper():
        return False
    before = text[:word_start].rstrip(" \t\"'”“«»(")
    return bool(before) and before[-1] not in ".!?:\n"


def _contexts(context: dict | list | None, default: str) -> tuple[_Context, ...]:
    """unless_after / unless_followed_by: one shape, or a list of them."""
    shapes = context if isinstance(context, list) else [context] if context else []
    return tuple(_Context(TokenMatcher({k: v for k, v in shape.items() if k not in CONTEXT_KEYS}, default),
                          int(shape.get("window", 1)),
                          frozenset(w.lower() for w in shape["first"]) if "first" in shape else None,
                          frozenset(w.lower() for w in shape["last"]) if "last" in shape else None,
                          TokenMatcher(shape["stop"], default) if "stop" in shape else None,
                          TokenMatcher(shape["behind"], default) if "behind" in shape else None)
                 for shape in shapes)



# Hit.values key of a sentence length that counted a cited title as one word
TITLE_AS_ONE_WORD = "title_as_one_word"


def _vetoed(contexts: tuple[_Context, ...], tokens: list[Token], j: int, step: int, first: Token,
            last: Token) -> bool:
    """Whether a context shape fits near the match (from ``tokens[j]`` on, walking ``step``), for
    a match that starts with ``first`` and ends with ``last``."""
    return any((c.first is None or first.text.lower() in c.first) and (c.last is None or last.text.lower() in c.last)
               and _near(c.matcher, c.window, tokens, j, step, c.stop, c.behind)
               for c in contexts)


_CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "–", "—", ".", "!", "?"})


def _near(matcher: TokenMatcher, window: int, tokens: list[Token], j: int, step: int,
          stop: TokenMatcher | None = None, behind: TokenMatcher | None = None) -> bool:
    """Whether one of the ``window`` words from ``tokens[j]`` on (walking ``step``: -1 back, 1
    forward) fits ``matcher`` (and stands right after a word that fits ``behind``), looking no
    further than the clause, nor past a word that fits ``stop``."""
    seen = 0
    while 0 <= j < len(tokens) and seen < window:
        tok = tokens[j]
        if tok.kind == "punct" and tok.text in _CLAUSE_BREAKS:
            return False
        if tok.kind in ("word", "number"):
            if matcher(tok) and (behind is None or _after_word(tokens, j, behind)):
                return True
            if stop is not None and stop(tok):
                return False
            seen += 1
        j += step
    return False


def _after_word(tokens: list[Token], j: int, shape: TokenMatcher) -> bool:
    """Whether the token right before ``tokens[j]`` is a word that fits ``shape``."""
    return j > 0 and shape(tokens[j - 1])


def _skippable(tok: Token, matcher: TokenMatcher) -> bool:
    """Whether a gap before ``matcher``'s element may pass over ``tok``: a number, or a word that
    fits the element's ``skip`` shape when it has one (a shape describes words: "14.8.2015" in
    "det av byggnadsinspektören 14.8.2015 meddelade förordnandet" is passed over)."""
    return tok.kind == "number" or (tok.kind == "word" and (matcher.skip is None or matcher.skip(tok)))


def _match_forward(matchers: list[TokenMatcher], k: int, tokens: list[Token], i: int) -> int | None:
    """Index just past the last token matched by matchers[k:], starting at tokens[i]."""
    if k == len(matchers):
        return i
    matcher = matchers[k]
    j = i
    for _ in range(matcher.gap + 1):
        if j >= len(tokens):
            return None
        if matcher(tokens[j]):
            result = _match_forward(matchers, k + 1, tokens, j + 1)
            if result is not None:
                return result
        if not _skippable(tokens[j], matcher):
            return None
        j += 1
    return None


def _backward_starts(matchers: list[TokenMatcher], k: int, tokens: list[Token], i: int) -> Iterator[int]:
    """Indexes of the first token matched by matchers[:k+1], walking left from tokens[i]: the
    nearest first, then farther ones (a word before the nearest may rule it out, see _sequence)."""
    if k < 0:
        yield i + 1
        return
    # the gap of element k+1 is the distance allowed between element k and k+1
    gap = matchers[k + 1].gap
    j = i
    for _ in range(gap + 1):
        if j < 0:
            return
        if matchers[k](tokens[j]):
            yield from _backward_starts(matchers, k - 1, tokens, j - 1)
        if not _skippable(tokens[j], matchers[k + 1]):
            return
        j -= 1
