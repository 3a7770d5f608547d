"""The real-text quality benchmark's data stays loadable, and the README quotes what it measures.

The annotations in corpus/real are what the rules' precision and recall are measured against;
a quote that no longer resolves, a verdict file that does not parse or a rule that says nothing
about which problems it addresses would silently change the figures, so they fail here.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import quality  # noqa: E402
from gold import categories_for, load_corpus  # noqa: E402

from selkeys.rules.schema import load_rules  # noqa: E402


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()  # raises GoldError on a quote that is not in its document


def test_every_document_of_both_halves_is_annotated(corpus):
    annotated = {d.id for d in corpus.annotated()}
    assert annotated == {d.id for d in corpus.documents}
    assert {d.split for d in corpus.documents} == {"dev", "test"}


def test_every_rule_says_which_annotated_problems_it_addresses():
    for rule in load_rules(("fi", "sv")):
        assert categories_for(rule.code), rule.code


def _readme_rows() -> dict[str, list[str]]:
    """Language -> [findings, useful, noise, wrong, recall] of the README's "now" rows."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### How good are the findings?", 1)[1]
    rows = {}
    for lang, name in (("fi", "Finnish"), ("sv", "Swedish")):
        line = next(line for line in section.splitlines() if line.startswith(f"| {name}, now |"))
        cells = [c.strip() for c in line.strip("|").split("|")][1:6]
        rows[lang] = cells
    return rows


def test_readme_quotes_the_test_half_as_the_benchmark_measures_it(corpus):
    results = quality.evaluate(corpus, "test", ("fi", "sv"))
    for lang, cells in _readme_rows().items():
        data = results[lang]
        counts = quality.precision_counts(data["findings"])
        total, found = sum(data["recall_total"].values()), sum(data["recall_found"].values())
        measured = [str(len(data["findings"])), quality._pct(counts["useful"], counts["judged"]),
                    quality._pct(counts["noise"], counts["judged"]), quality._pct(counts["wrong"], counts["judged"])]
        assert cells[:4] == measured, lang
        assert re.fullmatch(rf"{quality._pct(found, total)} \({found} of {total}\)", cells[4]), (lang, cells[4])
        assert counts["unjudged"] == 0, f"{lang}: findings without a verdict; the README's figures leave them out"


def test_a_batch_is_measured_on_its_own_documents(corpus):
    later = [d for d in corpus.documents if d.batch > 1]
    assert later and all(d.split == "dev" for d in later)  # every later batch is development text
    batch = max(d.batch for d in corpus.documents)
    results = quality.evaluate(corpus, "dev", ("fi",), batch)
    expected = [d for d in corpus.documents if d.batch == batch and d.lang == "fi"]
    assert results["fi"]["documents"] == len(expected) > 0
    assert results["fi"]["words"] == sum(d.words for d in expected)
    assert sum(results["fi"]["recall_total"].values()) == sum(len(corpus.gold[d.id]) for d in expected)


def test_every_audit_round_is_whole_and_every_sampled_finding_judged_once():
    """corpus/real/audit/rN (benchmarks/audit.py): the documents a round lists are there, and a
    judged round has exactly one verdict per sampled finding, so its shares are of the sample."""
    import json

    rounds = sorted((ROOT / "corpus" / "real" / "audit").glob("r*"))
    assert rounds
    for round_dir in rounds:
        meta = json.loads((round_dir / "round.json").read_text(encoding="utf-8"))
        assert all((round_dir / doc["file"]).is_file() for doc in meta["documents"])
        for lang in ("fi", "sv"):
            sample = [json.loads(line)["id"] for line in
                      (round_dir / f"sample_{lang}.jsonl").read_text(encoding="utf-8").splitlines()]
            verdict_file = round_dir / f"verdicts_{lang}.jsonl"
            if verdict_file.exists():
                verdicts = [json.loads(line) for line in verdict_file.read_text(encoding="utf-8").splitlines()]
                assert sorted(v["id"] for v in verdicts) == sorted(sample), round_dir
                assert {v["verdict"] for v in verdicts} <= {"useful", "noise", "wrong"}


def test_a_webform_gives_its_help_texts_in_form_order_and_a_broken_one_none():
    """benchmarks/audit.py reads Helsinki's grant forms (Drupal webform configuration): the help
    texts of nested elements, not their labels; elements that do not parse give no texts."""
    import audit

    config = ("langcode: fi\nelements: |\n  sivu:\n    '#title': Perustiedot\n"
              "    '#help': 'Kerro, mit&auml; haet.'\n    kentta:\n      '#title': Nimi\n"
              "      '#description': '<p>Kirjoita nimi.</p>'\n")
    assert audit._webform_texts(config) == ["Kerro, mit&auml; haet.", "<p>Kirjoita nimi.</p>"]
    assert audit._webform_texts("elements: |\n  sivu: [ei loppua\n") == []
    assert audit._webform_texts("langcode: fi\n") == []
