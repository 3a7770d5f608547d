"""Deep mode: a dependency parse from spaCy's Finnish model, for rules that need syntax.

The model (spacy-fi-experimental-web-md, installed from PyPI with ``pip install
'selkeys[deep]'``) takes about a second to load, so it is loaded on first use and only when
a syntax rule is enabled (``deep = true`` in the config or ``--deep``). Parses are cached per
sentence text, so re-linting an edited document re-parses only changed sentences.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from typing import Any

MODEL = "spacy_fi_experimental_web_md"
# Finite clauses only: UD Finnish also labels participle attributes "acl", which are not clauses.
_CLAUSE_DEPS = frozenset({"acl:relcl", "advcl", "ccomp", "csubj", "csubj:cop"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:cop"})


class DeepModeUnavailable(RuntimeError):
    pass


class SyntaxParser:
    _CACHE_LIMIT = 20_000

    def __init__(self) -> None:
        try:
            import spacy

            self._nlp = spacy.load(MODEL, exclude=["ner"])
        except (ImportError, OSError) as exc:
            raise DeepModeUnavailable(
                f"deep mode needs the spaCy model {MODEL}: pip install 'selkeys[deep]' ({exc})"
            ) from None
        self._cache: OrderedDict[str, Any] = OrderedDict()

    def parse(self, sentence: str) -> Any:
        doc = self._cache.get(sentence)
        if doc is None:
            doc = self._nlp(sentence)
            self._cache[sentence] = doc
            if len(self._cache) > self._CACHE_LIMIT:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(sentence)
        return doc


@lru_cache(maxsize=1)
def syntax_parser() -> SyntaxParser:
    return SyntaxParser()


def _words(tokens) -> int:
    return sum(1 for t in tokens if not t.is_punct and not t.is_space)


def embedded_clause(doc) -> tuple[int, int, int] | None:
    """Longest stretch between a subject and its verb that contains a clause of its own.

    "Lautakunta, joka kokoontui eilen pitkän tauon jälkeen, päätti…": the reader holds the
    subject through eight words before learning what it did. Returns (words, start, end) in
    characters of the sentence, or None.
    """
    best = None
    for tok in doc:
        if tok.dep_ not in _SUBJECT_DEPS or tok.i >= tok.head.i:
            continue
        verb = tok.head
        between = doc[tok.i + 1:verb.i]
        if not any(t.dep_ in _CLAUSE_DEPS for t in between):
            continue
        words = _words(between)
        if best is None or words > best[0]:
            best = (words, tok.idx, verb.idx + len(verb.text))
    return best


def subordination_depth(doc) -> tuple[int, int, int] | None:
    """Deepest nesting of clauses inside clauses (relative, adverbial, complement)."""
    best = None
    for tok in doc:
        depth, node = 0, tok
        while node.head.i != node.i:
            if node.dep_ in _CLAUSE_DEPS:
                depth += 1
            node = node.head
        if depth and (best is None or depth > best[0]):
            best = (depth, doc[0].idx, doc[-1].idx + len(doc[-1].text))
    return best


SYNTAX_METRICS = {"embedded_clause": embedded_clause, "subordination_depth": subordination_depth}
