"""Sentence boundaries over tokens, shared by the languages.

Cuts after . ! ? unless the next word starts in lower case, keeps closing quotes and brackets
with their sentence, lets a language name the abbreviations that may end a sentence
("jne.", "osv."), and treats line breaks the way documents use them: a short line (a list
item, a label such as "Lisätietoja:", a heading) stands alone; a long line is wrapped prose.
"""

from __future__ import annotations

from selkeys.analysis.tokens import Sentence, Token

_SENTENCE_END = frozenset({".", "!", "?", "…"})
# Units written with a period may end a sentence after a number ("Sadetta tuli 12 mm. Huomenna …").
_UNITS = frozenset({"mm.", "cm.", "km.", "kg.", "min.", "t."})
_CLOSERS = frozenset({")", "]", "”", "»", '"', "'"})


def split_sentences(tokens: list[Token], final_abbreviations: frozenset[str]) -> list[Sentence]:
    sentences: list[Sentence] = []
    current: list[Token] = []
    line_start = 0
    n = len(tokens)

    def close() -> None:
        if current:
            sentences.append(Sentence(current[0].start, current[-1].end, list(current)))
        current.clear()

    i = 0
    while i < n:
        tok = tokens[i]
        i += 1
        if tok.kind == "break":
            prev = current[-1] if current else None
            nxt = tokens[i] if i < n else None
            line_length = tok.start - line_start
            # a short line is a list item, label or heading; a long one is wrapped prose
            # and ends a sentence only when the next line evidently starts a new one
            if prev is not None and nxt is not None and (_starts_list_item(tokens, i) or (
                prev.text not in ",;-–(" and (
                    prev.text == ":" or line_length < 45 or (
                        line_length < 60 and (nxt.text[:1].isupper() or nxt.text[:1].isdigit()))))
            ):
                close()
            line_start = tok.end
            continue
        current.append(tok)
        if tok.kind == "punct" and tok.text in _SENTENCE_END:
            nxt = _next_content(tokens, i)
            # nothing starts a sentence with a comma or semicolon ("enligt 9 § 6 mom., beviljas")
            if (nxt is None or not (nxt.text[:1].islower() or nxt.text in (",", ";"))) and not (
                    tok.text == "." and (_after_initial(current) or _initial_follows(current, tokens, i)
                                         or _inside_reference(current, nxt))):
                while i < n and tokens[i].kind == "punct" and tokens[i].text in _CLOSERS:
                    current.append(tokens[i])  # closing quotes and brackets stay with the sentence
                    i += 1
                close()
        elif tok.kind == "word" and ((low := tok.text.lower()) in final_abbreviations or (
                low in _UNITS and len(current) > 1 and current[-2].kind == "number")):
            nxt = _next_content(tokens, i)
            if nxt is None or nxt.text[:1].isupper():
                close()
    close()
    return sentences


_ITEM_BULLETS = frozenset({"-", "–", "—", "•", "*", "·"})


def _starts_list_item(tokens: list[Token], i: int) -> bool:
    """Whether the line from ``tokens[i]`` starts a list item ("1) …", "a) …", "- …"): an item is a
    unit of its own even when the previous one ended in ";" or ","."""
    tok = tokens[i] if i < len(tokens) else None
    if tok is None:
        return False
    if tok.text in _ITEM_BULLETS:
        return True
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    marker = tok.kind == "number" and tok.text.rstrip(".").isdigit() or (
        tok.kind == "word" and len(tok.text) == 1 and tok.text.isalpha())
    return marker and after is not None and after.text in (")", ".") and after.start == tok.end


# "1 mom.", "2 kap.", "3 art.": the abbreviated parts of a statute reference
_REFERENCE_PARTS = frozenset({"mom", "kap", "art"})


def _inside_reference(current: list[Token], nxt: Token | None) -> bool:
    """Whether the '.' just added ends "1 mom." inside a statute reference that goes on with a
    number or a bracket ("76 § 1 mom. 5 punkten", "188 § 5 mom. (1129/2008)"), where a new
    sentence cannot start."""
    # a range the tokenizer keeps whole ("1―3 punkten", with a horizontal bar) starts with a digit too
    return (nxt is not None and (nxt.kind == "number" or nxt.text[:1].isdigit() or nxt.text in ("(", "§"))
            and len(current) >= 3 and current[-2].text.lower() in _REFERENCE_PARTS
            and current[-3].kind == "number")


def _after_initial(current: list[Token]) -> bool:
    """Whether the '.' just added closes a name's initial ("George W. Bush", "Jussi K. Niemelä",
    "J. K. Paasikivi"): a lone capital letter right after a name or another initial, or at the
    start of a sentence."""
    if len(current) < 2:
        return False
    letter = current[-2]
    if not _is_letter(letter) or letter.end != current[-1].start:
        return False
    if len(current) == 2:
        return True
    before = current[-3]
    if before.text == ".":
        return True
    # a name, not a label such as "Liite B." or "Vaihtoehto A.": unknown to the analyser or read as one
    return before.kind == "word" and before.text[:1].isupper() and (
        not before.readings or any(r.pos == "propn" for r in before.readings))


def _initial_follows(current: list[Token], tokens: list[Token], i: int) -> bool:
    """Whether the '.' just added closes an initial that another initial follows ("av A. B.
    Andersson"): two lone capitals with full stops in a row are a name, not a sentence end."""
    if len(current) < 2 or not _is_letter(current[-2]) or current[-2].end != current[-1].start:
        return False
    j = i  # the token after the '.'
    while j < len(tokens) and tokens[j].kind == "break":
        j += 1
    return (j + 1 < len(tokens) and _is_letter(tokens[j]) and tokens[j + 1].text == "."
            and tokens[j].end == tokens[j + 1].start)


def _is_letter(tok: Token) -> bool:
    return tok.kind == "word" and len(tok.text) == 1 and tok.text.isupper()


def _next_content(tokens: list[Token], i: int) -> Token | None:
    n = len(tokens)
    while i < n:
        if tokens[i].kind != "break":
            return tokens[i]
        i += 1
    return None




_VERB_POS = frozenset({"verb", "aux", "neg"})


def is_prose(sentence: Sentence) -> bool:
    """Whether the sentence is prose (worked out once; the rules and the measures both ask)."""
    if sentence.prose is None:
        sentence.prose = _is_prose(sentence)
    return sentence.prose


def _is_prose(sentence: Sentence) -> bool:
    """Two words or more, no fewer words than numbers and symbols, and a verb unless the
    sentence is long and mostly words (a verbless run dense with numbers or names is a flattened
    table: "Helsingfors 1 287 € + 12,60 € per kvadratmeter Esbo 253 € + …").

    Reference numbers ("Dnr 123/02.05.00/2025"), dates, phone numbers, addresses and
    name-and-title lines are not sentences a reader reads as prose; length and structure
    rules and the readability measures leave them out (a known source of false alarms in
    Swedish checkers).
    """
    words = others = capitals = 0
    verb = False
    for tok in sentence.tokens:
        if tok.kind == "word":
            words += 1
            capital = tok.text[:1].isupper()
            capitals += capital
            # a capitalised word inside the sentence is a name, whatever the tagger made of it
            # ("… Tammerfors och Åbo 7 447": Åbo as a verb); the first word may be a verb ("Fyll i")
            if not capital or words == 1:
                verb = verb or any(r.pos in _VERB_POS for r in tok.readings)
        elif tok.kind in ("number", "symbol", "url"):
            others += 1
    if words > 25 and 3 * others >= 2 * words:  # a flattened table, whatever the tagger took for a verb
        return False
    # a long run without a verb, mostly names and numbers, is a table of names ("Kommungrupp II
    # Björneborg, Borgå, … 7 447"); one mostly of lower-case words is nominal prose
    if not verb and words > 25 and 3 * (capitals + others) >= words:
        return False
    return words >= 2 and words >= others and (verb or (words >= 6 and 3 * others < words))
