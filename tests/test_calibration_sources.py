"""Real calibration data: reading local clones, stripping page furniture, cutting texts, the
held-out split by time, cross-validation by time and the rule ``make calibrate`` enforces. No
clone is needed: the snapshot is faked."""

from __future__ import annotations

import datetime

import numpy as np
import pytest

from selkeys.calibration import selkouutiset, sources
from selkeys.calibration.chunks import balanced_chunks, words
from selkeys.calibration.dataset import LabelledText
from selkeys.calibration.evaluate import Figure, LanguageEvaluation, Row
from selkeys.calibration.finlex import _spread
from selkeys.calibration.fit import Sample, time_cross_validated_difficulty, time_slices
from selkeys.calibration.gate import auc_failures, beats, pair_failures
from selkeys.calibration.snapshot import MissingSnapshot, Snapshot


class FakeSnapshot:
    """Items by path; records every folder listed and every file read."""

    def __init__(self, files: dict[str, str]) -> None:
        self.files, self.listed, self.read_paths = files, [], []

    def list(self, prefix: str) -> list[str]:
        self.listed.append(prefix)
        return sorted(p for p in self.files if p.startswith(prefix))

    def text(self, path: str) -> str:
        self.read_paths.append(path)
        return self.files[path]


PAGE = """# TV \\| Selkouutiset \\| tiistai 12.3.2024

Metsäfirmat. Tampere. Sää.

**Voit lukea uutisten tekstit myös tästä:**

## Lakko

![Satama Kotkassa. Kuva: Anna Karismo / Yle](https://images.cdn.yle.fi/image/x.jpg)

Avaa kuvien katselu

Satama Kotkassa lakon aikana. Kuva: Anna Karismo / Yle

Metsäfirmat pysäyttävät tehtaita, koska **satamissa** on lakko. Lue [lisää lakosta](https://yle.fi/a/1).

[Selkouutiset Areenassa](https://areena.yle.fi/1)
"""


def test_page_furniture_is_stripped_and_markup_reduced_to_text():
    blocks = selkouutiset.clean_blocks(PAGE)
    assert blocks == [("Metsäfirmat. Tampere. Sää.", False), ("Lakko", True),
                      ("Metsäfirmat pysäyttävät tehtaita, koska satamissa on lakko. Lue lisää lakosta.", False)]


def test_later_items_are_never_listed_or_read(tmp_path):
    body = "\n\n".join(["Tämä on selkouutisten lause, jossa on kahdeksan sanaa."] * 30)
    files = {"2024/12/31/index.fi.md": body, "2025/06/30/index.fi.md": body, "2025/07/01/index.fi.md": body,
             "2026/01/02/index.fi.md": body, "2024/05/05/index.fi.md": body, "2024/05/05/index.en.md": body}
    (tmp_path / "clean.yaml").write_text(
        f"fi:\n  repo: {selkouutiset.REPO_NAME}\n  commit: x\n  test: [2024/05/05/index.fi.md]\n  dev: []\n",
        encoding="utf-8")
    snapshot = FakeSnapshot(files)
    texts = selkouutiset.easy_texts(tmp_path, snapshot)
    assert {t.date for t in texts} == {"2024-12-31", "2025-06-30"}  # the clean-side test item is left out
    assert all(not p.startswith(("2025/07", "2025/08", "2025/09", "2025/1", "2026")) for p in snapshot.listed)
    assert "2025/07/01/index.fi.md" not in snapshot.read_paths and "2024/05/05/index.fi.md" not in snapshot.read_paths
    assert all(t.label == "easy" and t.group == f"yle-{t.date}" and 150 * 0.8 <= words(t.text) <= 300 for t in texts)
    assert selkouutiset.HELD_OUT_FROM == datetime.date(2025, 7, 1)


def test_chunks_are_balanced_and_keep_headings_with_their_text():
    paragraph = " ".join(["sana"] * 40)
    blocks = [("Otsikko", True)] + [(paragraph, False)] * 5 + [("Toinen", True)] + [(paragraph, False)] * 5
    pieces = balanced_chunks(blocks)
    assert len(pieces) == 2 and all(words(p) == 201 for p in pieces)
    assert pieces[1].startswith("Toinen")  # a cut never leaves a heading at the end of a piece
    assert balanced_chunks([(paragraph, False)] * 3) == []  # 120 words: too short
    assert _spread(list("abcdef"), 3) == ["a", "c", "f"] and _spread(list("ab"), 3) == ["a", "b"]


def test_missing_clone_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setenv("SELKEYS_MIRROR", str(tmp_path))
    with pytest.raises(MissingSnapshot, match="git clone --bare https://github.com/owner/name"):
        Snapshot("owner/name", "0" * 40)
    with pytest.raises(MissingSnapshot, match="hiAndrewQuinn/selkouutiset-scrape-cleaned"):
        sources.build("fi", sources.Path("corpus/labelled"), sources.Path("corpus/real"), sources.Path("."))


def test_time_slices_run_from_old_to_new_within_each_source():
    dated = [Sample({}, 0.0, f"yle-2024-0{m}-01", f"2024-0{m}-01") for m in range(1, 6)]
    dated += [Sample({}, 1.0, f"finlex-fi-{y}", str(y)) for y in range(2010, 2015)]
    undated = [Sample({}, 1.0, f"tdt-{n}") for n in range(10)]
    part = time_slices(dated + undated, slices=5)
    assert list(part[:5]) == [0, 1, 2, 3, 4] and list(part[5:10]) == [0, 1, 2, 3, 4]
    assert sorted(part[10:]) == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_cross_validation_by_time_fits_on_the_older_slices_only():
    rng = np.random.default_rng(1)
    samples = [Sample({"words_per_sentence": float(w)}, float(w > 12), f"yle-{i}", f"2024-{1 + i % 12:02d}-01")
               for i, w in enumerate(rng.uniform(5, 20, 200))]
    predicted = time_cross_validated_difficulty(samples, "binary", "fi", measures=("words_per_sentence",))
    oldest = time_slices(samples) == 0
    assert np.isnan(predicted[oldest]).all() and not np.isnan(predicted[~oldest]).any()


def _evaluation(score: float, single: float, pairs: float | None = None) -> LanguageEvaluation:
    figure = lambda v: None if v is None else Figure(v, v, v, 24)  # noqa: E731
    rows = (Row("selkeys score", figure(score), None, figure(pairs)), Row("words_per_sentence", figure(single), None))
    return LanguageEvaluation("fi", 10, 5, 5, 0, (), rows)


def test_the_rule_wants_every_single_measure_beaten_or_the_ceiling():
    assert beats(0.9995, 0.999) and not beats(0.999, 0.999) and not beats(0.998, 0.999) and beats(1.0, 1.0)
    assert auc_failures("held out", _evaluation(0.9996, 0.9995)) == []
    (failure,) = auc_failures("held out", _evaluation(0.9988, 0.9992))
    assert "words_per_sentence AUC 0.9992 is not beaten by the score's 0.9988" in failure
    assert pair_failures("rewrites", _evaluation(1.0, 1.0, pairs=1.0)) == []
    assert pair_failures("rewrites", _evaluation(1.0, 1.0, pairs=23 / 24))


def test_held_out_split_is_stratified_and_fixed():
    items = [LabelledText(f"t{i}", "fi", "x", None, "standard", float(1 + i % 2), "s", "", f"g{i}") for i in range(40)]
    held = sources.stratified_held_out(items)
    assert held == sources.stratified_held_out(items) and len(held) == 10
