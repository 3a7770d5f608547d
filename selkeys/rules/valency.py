"""Which cases the dependents of a Finnish verb take: the counts of selkeys/data/fi_valency.tsv.

The participle walk (selkeys.rules.sentence_metrics) asks this when the word that opens an
attribute might be the clause's instead: "liittää [aloitteeseen] sitä koskevia liitteitä" —
"koskeva" (the verb "koskea") was seen with 4,690 partitive dependents and 35 illative ones in
parsed official text, so the illative is the clause verb's. The table and how it is made:
scripts/build_fi_valency.py.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "data" / "fi_valency.tsv"
# a slot with at most MAX_SHARE of a verb's dependents, of at least MIN_NOT_TAKEN seen, is one it
# does not take (that share is what a parser's errors and the clause's own adverbials leave in
# any slot); one with at least MIN_SHARE of MIN_TAKEN or more, one it does
MIN_NOT_TAKEN = 100
MAX_SHARE = 0.02
MIN_TAKEN = 30
MIN_SHARE = 0.05


@lru_cache(maxsize=1)
def _shares() -> dict[str, tuple[int, dict[str, float]]]:
    """Verb lemma and each participle base form of it -> how many dependents were seen, and the
    share of them in each slot."""
    table: dict[str, tuple[int, dict[str, float]]] = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        verb, participles, _, cells = line.split("\t")
        counts = {name: int(n) for name, n in (cell.rsplit(":", 1) for cell in cells.split())}
        total = sum(counts.values())
        shares = total, {name: n / total for name, n in counts.items()}
        table[verb] = shares
        for participle in participles.split(","):
            if participle:
                table.setdefault(participle, shares)
    return table


def share(lemma: str, slot: str, seen: int) -> float | None:
    """The share of a verb's dependents (by its lemma, "liittää", or a participle's base form,
    "koskeva") in a slot (a case, "ill", or a postposition, "adp:kautta"); None when fewer than
    ``seen`` of its dependents were counted."""
    total, shares = _shares().get(lemma, (0, {}))
    return shares.get(slot, 0.0) if total >= seen else None


def rejects(participle: str, slot: str, seen: int = MIN_TAKEN) -> bool:
    """Whether a participle's verb does not take a dependent in this slot, on the counts of at least
    ``seen`` of its dependents. The walk asks it with MIN_TAKEN when the clause's verb stands right
    before the slot's phrase, which is then the likelier owner ("saat [meiltä] helposti
    ymmärrettävää tietoa"), and :func:`prefers` with the stricter MIN_NOT_TAKEN."""
    of_participle = share(participle, slot, seen)
    return of_participle is not None and of_participle <= MAX_SHARE


def prefers(verb: str, participle: str, slot: str) -> bool:
    """Whether a dependent in this slot goes with the clause's verb rather than the participle:
    the verb takes the slot and the participle's verb does not ("liittää [aloitteeseen] sitä
    koskevia": "liittää" takes an illative, "koskea" does not)."""
    of_verb = share(verb, slot, MIN_TAKEN)
    return of_verb is not None and of_verb >= MIN_SHARE and rejects(participle, slot, MIN_NOT_TAKEN)
