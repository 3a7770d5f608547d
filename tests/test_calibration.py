"""Calibration: the statistics against hand-computed cases, the fit on synthetic data with a
known answer, the model as data, labelled-data errors, `selkeys eval`, and the score's form."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from selkeys.calibration.dataset import DatasetError, load_dataset
from selkeys.calibration.dataset import LabelledText
from selkeys.calibration.evaluate import evaluate
from selkeys.calibration.fit import (FitError, Sample, cross_validated_difficulty, difficulty, fit, group_folds,
                                     repeated_cross_validated_difficulty)
from selkeys.calibration.model import Component, ModelError, ScoreModel, load_model_file, shipped_model
from selkeys.calibration.stats import auc, average_ranks, bootstrap_ci, spearman
from selkeys.config import Config, ConfigError, ConfigResolver

REPO = Path(__file__).resolve().parents[1]
LABELLED = REPO / "corpus" / "labelled"


# -- statistics ------------------------------------------------------------------------
def test_auc_counts_pairs_and_half_ties():
    assert auc([1, 2, 3, 4], [False, False, True, True]) == 1.0
    assert auc([4, 3, 2, 1], [False, False, True, True]) == 0.0
    # easy {2, 2}, hard {1, 3}: of four pairs, the two with 3 are ordered right -> 2/4
    assert auc([2, 1, 3, 2], [False, True, True, False]) == 0.5
    # easy {1, 2}, hard {2, 3}: 2>1, 2=2 (half), 3>1, 3>2 -> 3.5/4
    assert auc([1, 2, 2, 3], [False, False, True, True]) == 0.875
    with pytest.raises(ValueError):
        auc([1, 2, 3], [True, True, True])


def test_spearman_with_ties_by_hand():
    assert average_ranks([10, 20, 20, 30]).tolist() == [1, 2.5, 2.5, 4]
    # ranks a = 1, 2.5, 2.5, 4 and b = 1..4: covariance 4.5, variances 4.5 and 5
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(4.5 / math.sqrt(4.5 * 5))
    assert spearman([1, 2, 3, 4], [40, 30, 20, 10]) == pytest.approx(-1.0)
    assert math.isnan(spearman([1, 1, 1], [1, 2, 3]))
    with pytest.raises(ValueError):
        spearman([1, 2], [1, 2])


def test_bootstrap_interval_brackets_the_estimate_and_respects_groups():
    rng = np.random.default_rng(1)
    hard = np.array([False] * 40 + [True] * 40)
    values = np.where(hard, 1.0, 0.0) + rng.normal(0, 0.8, 80)
    stat = lambda idx: auc(values[idx], hard[idx])  # noqa: E731
    low, high = bootstrap_ci(stat, 80, repeats=300)
    assert low < stat(np.arange(80)) < high and 0.5 < low
    # one group per class: every resample that draws only one group is undefined and skipped
    groups = ["a"] * 40 + ["b"] * 40
    low_g, high_g = bootstrap_ci(stat, 80, groups, repeats=50)
    assert low_g == pytest.approx(stat(np.arange(80))) and high_g == pytest.approx(low_g)


# -- fitting -----------------------------------------------------------------------------
def _synthetic(n: int, seed: int, kind: str = "binary") -> list[Sample]:
    """'driver' decides difficulty; 'noise' is unrelated; 'inverse' falls as texts get harder."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        driver = rng.uniform(0, 10)
        latent = driver + rng.normal(0, 1.0)
        target = float(latent > 5) if kind == "binary" else float(np.digitize(latent, [2.5, 5, 7.5]) + 1)
        measures = {"driver": driver, "noise": rng.uniform(0, 10), "inverse": 10 - driver + rng.normal(0, 0.5),
                    "words": 100}
        out.append(Sample(measures, target, f"g{i // 2}"))
    return out


def test_fit_recovers_a_known_monotone_relation():
    train, test = _synthetic(300, 1), _synthetic(300, 2)
    model = fit(train, "binary", "fi", measures=("driver", "noise", "inverse"))
    weights = {c.measure: c.weight for c in model.components}
    assert sum(weights.values()) == pytest.approx(100.0, abs=0.05)
    assert all(w >= 0 for w in weights.values())
    assert weights["driver"] > 60 and weights.get("noise", 0) < 15
    assert "inverse" not in weights  # falls with difficulty: no anchors, never a reward
    d = difficulty(model, [s.measures for s in test])
    assert auc(d, [s.target == 1 for s in test]) > 0.9
    easy = [c for c in model.components if c.measure == "driver"][0]
    assert 0 < easy.easy < easy.hard <= 10


def test_ordinal_fit_ranks_graded_levels():
    train, test = _synthetic(300, 3, "ordinal"), _synthetic(300, 4, "ordinal")
    model = fit(train, "ordinal", "fi", measures=("driver", "noise"))
    d = difficulty(model, [s.measures for s in test])
    assert spearman(d, [s.target for s in test]) > 0.8
    assert model.fit_info["kind"] == "ordinal" and len(model.fit_info["boundary_scores"]) == 3
    assert model.fit_info["boundary_scores"] == sorted(model.fit_info["boundary_scores"], reverse=True)


def test_fit_refuses_data_that_cannot_support_it():
    samples = _synthetic(300, 5)
    with pytest.raises(FitError, match="too few"):
        fit(samples[:10], "binary", "fi", measures=("driver",))
    with pytest.raises(FitError, match="same target"):
        fit([Sample(s.measures, 1.0, s.group) for s in samples], "binary", "fi", measures=("driver",))
    with pytest.raises(FitError, match="0 \\(easy\\) and 1"):
        fit([Sample(s.measures, 2.0 * s.target, s.group) for s in samples], "binary", "fi", measures=("driver",))
    with pytest.raises(FitError, match="no measure"):
        fit(samples, "binary", "fi", measures=("inverse",))
    with pytest.raises(FitError, match="kind"):
        fit(samples, "other", "fi", measures=("driver",))


def test_cross_validation_keeps_groups_together():
    groups = [f"doc{i // 3}" for i in range(60)]
    folds = group_folds(groups, 5)
    for g in set(groups):
        assert len({f for f, gg in zip(folds, groups) if gg == g}) == 1
    samples = _synthetic(200, 6)
    out = cross_validated_difficulty(samples, "binary", "fi", folds=5, measures=("driver", "noise"))
    assert auc(out, [s.target == 1 for s in samples]) > 0.85


def test_repeated_cross_validation_averages_out_of_fold_runs():
    samples = _synthetic(120, 8)
    measures = ("driver", "noise")
    mean = repeated_cross_validated_difficulty(samples, "binary", "fi", repeats=3, measures=measures)
    runs = [cross_validated_difficulty(samples, "binary", "fi", seed=seed, measures=measures) for seed in range(3)]
    assert np.allclose(mean, np.mean(runs, axis=0))
    assert not np.allclose(runs[0], runs[1])  # the splits differ, so averaging does something
    assert auc(mean, [s.target == 1 for s in samples]) > 0.85


def _paired_items(n: int, seed: int) -> tuple[list[LabelledText], list[dict]]:
    """Texts whose LIX half-separates easy from standard, while sentence length separates them."""
    rng = np.random.default_rng(seed)
    items, measures = [], []
    for i in range(n):
        hard = i % 2 == 1
        items.append(LabelledText(f"t{i}", "fi", "x", None, "standard" if hard else "easy", 1.0 + hard + (i % 4 == 3),
                                  "test", "MIT", f"g{i // 2}"))
        measures.append({"lix": float(rng.uniform(30, 60)), "words_per_sentence": 8.0 + 10 * hard + rng.uniform(0, 5)})
    return items, measures


def test_score_minus_lix_is_paired_and_zero_when_the_score_is_lix():
    items, measures = _paired_items(80, 9)
    length_model = ScoreModel("fi", (Component("words_per_sentence", 8.0, 23.0, 100.0),))
    (ev,) = evaluate(items, measures, {"fi": length_model}, repeats=200)
    rows = {row.name: row for row in ev.rows}
    diff = ev.versus_lix
    assert diff.auc.value == pytest.approx(rows["selkeys score"].auc.value - rows["lix"].auc.value)
    assert diff.auc.value > 0.3 and diff.auc.low <= diff.auc.value <= diff.auc.high and diff.auc.low > 0
    assert diff.spearman.value == pytest.approx(rows["selkeys score"].spearman.value - rows["lix"].spearman.value)
    # a score that is LIX rescaled ranks every text as LIX does, in every resample
    lix_model = ScoreModel("fi", (Component("lix", 30.0, 60.0, 100.0),))
    (same,) = evaluate(items, measures, {"fi": lix_model}, repeats=100)
    assert same.versus_lix.auc.value == 0 and same.versus_lix.auc.low == same.versus_lix.auc.high == 0


def test_version_pairs_are_counted_by_hand():
    """Rewrite pairs: a before text (level 2) and its rewrite (level 1) share a group."""
    make = lambda i, level, group: LabelledText(f"t{i}", "fi", "x", None, None, level, "test", "MIT", group)  # noqa: E731
    items = [make(0, 2.0, "a"), make(1, 1.0, "a"),  # the score sees it, LIX sees it
             make(2, 2.0, "b"), make(3, 1.0, "b"),  # the score sees it, LIX ties
             make(4, 2.0, "c"), make(5, 1.0, "c"),  # the score misses it, LIX gets it wrong
             make(6, 3.0, "d"), make(7, 2.0, "d"), make(8, 1.0, "d")]  # three levels: three pairs
    wps = [20, 10, 20, 10, 10, 20, 30, 20, 10]
    lix = [50, 40, 45, 45, 40, 50, 60, 50, 40]
    measures = [{"words_per_sentence": float(w), "lix": float(x)} for w, x in zip(wps, lix)]
    model = ScoreModel("fi", (Component("words_per_sentence", 0.0, 40.0, 100.0),))
    (ev,) = evaluate(items, measures, {"fi": model}, repeats=50)
    rows = {row.name: row for row in ev.rows}
    assert rows["selkeys score"].pairs.n == 6
    assert rows["selkeys score"].pairs.value == pytest.approx(5 / 6)
    assert rows["lix"].pairs.value == pytest.approx((1 + 0.5 + 0 + 3) / 6)
    assert ev.versus_lix.pairs.value == pytest.approx(5 / 6 - 4.5 / 6)
    # no versions: every text in a group of its own, or a document cut into pieces that share
    # a level (the pieces of a source at levels 1, 1, 2 are not a text and its rewrite)
    loose = [make(i, float(1 + i % 2), f"g{i}") for i in range(6)]
    (ev,) = evaluate(loose, measures[:6], {"fi": model}, repeats=10)
    assert all(row.pairs is None for row in ev.rows)
    pieces = [make(0, 1.0, "doc"), make(1, 1.0, "doc"), make(2, 2.0, "doc")]
    (ev,) = evaluate(pieces, measures[:3], {"fi": model}, repeats=10)
    assert all(row.pairs is None for row in ev.rows)
    # labels only: one easy and one standard version make a pair
    labelled = [LabelledText(f"u{i}", "fi", "x", None, label, None, "test", "MIT", "v")
                for i, label in enumerate(("standard", "easy"))]
    (ev,) = evaluate(labelled, [{"words_per_sentence": 30.0, "lix": 1.0}, {"words_per_sentence": 10.0, "lix": 1.0}],
                     {"fi": model}, repeats=10)
    rows = {row.name: row for row in ev.rows}
    assert rows["selkeys score"].pairs.value == 1.0 and rows["lix"].pairs.value == 0.5


def test_rewrite_gains_pair_each_text_with_its_rewrite():
    from selkeys.calibration.refit import rewrite_gains

    make = lambda i, level, group: LabelledText(f"t{i}", "fi", "x", None, None, level, "test", "MIT", group)  # noqa: E731
    items = [make(0, 2.0, "a"), make(1, 1.0, "a"), make(2, 1.0, "b"), make(3, 2.0, "b"), make(4, 1.0, "lonely")]
    measures = [{"words_per_sentence": w} for w in (30.0, 10.0, 20.0, 10.0, 5.0)]
    model = ScoreModel("fi", (Component("words_per_sentence", 10.0, 30.0, 100.0),))  # 10 words: 100, 30: 0
    # a: 0 -> 100; b, a rewrite that made it worse: 100 -> 50; the lonely text has no pair
    assert rewrite_gains(items, measures, model) == (
        "Score before 50.0 and after 75.0 on average; gain +25.0 points (smallest -50.0, largest +100.0) over 2 pairs.")
    assert rewrite_gains(items[4:], measures[4:], model) == ""


# -- the model as data -------------------------------------------------------------------
def test_model_json_round_trip_and_validation(tmp_path):
    model = ScoreModel("sv", (Component("lix", 30.0, 60.0, 70.0), Component("passive_share", 0.1, 0.5, 30.0)),
                       fit_info={"kind": "binary", "figures": {"auc": 0.97}})
    path = tmp_path / "m.json"
    path.write_text(model.to_json(), encoding="utf-8")
    again = load_model_file(path)
    assert again == model and again.fit_info == model.fit_info
    assert again.value({"lix": 45.0, "passive_share": 0.1}) == pytest.approx(65.0)
    assert again.band(65.0) == "fairly clear"
    data = json.loads(model.to_json())
    data["components"][0]["hard"] = 20
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError, match="hard anchor"):
        load_model_file(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ModelError, match="invalid JSON"):
        load_model_file(path)
    path.write_text('{"format": 1, "lang": "fi"}', encoding="utf-8")
    with pytest.raises(ModelError, match="not a score model"):
        load_model_file(path)


# the rows of the README's tables (*How good is the score?*) and the model figures they quote
_README_ROWS = {
    "held out: easy vs standard and official": "held_out: easy vs standard and official",
    "held out: easy vs treebank prose": "held_out: easy vs treebank prose",
    "cross-validated by document, fitting texts": "cv_by_document",
    "cross-validated by time, fitting texts": "cv_by_time",
    "held-out single sentences, easy vs standard and official": "sentences_held_out",
}


def _readme_table() -> dict[str, list[float]]:
    """Figure key -> [fi score, fi LIX, fi best single, sv score, sv LIX, sv best single] (AUC)
    as the README's score table gives them."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    lines = readme.split("| | Finnish score | LIX | best single | Swedish score | LIX | best single |", 1)[1]
    rows = {}
    for line in lines.splitlines()[2:]:
        if not line.startswith("|"):
            break
        label, *cells = [c.strip() for c in line.strip("|").split("|")]
        name = label.split(" (")[0]
        if name in _README_ROWS:
            rows[_README_ROWS[name]] = [float(c.split()[0]) for c in cells[:6]]
    return rows


def test_shipped_models_carry_the_validation_the_readme_reports():
    """Every AUC the README's score table gives is the one in the shipped models (to the
    digits printed), and the rule's outcome travels with the model."""
    rows = _readme_table()
    assert set(rows) == set(_README_ROWS.values())
    models = {lang: shipped_model(lang) for lang in ("fi", "sv")}
    for lang, model in models.items():
        assert sum(c.weight for c in model.components) == pytest.approx(100.0, abs=0.1)
        assert model.fit_info["command"] == "make calibrate" and model.fit_info["held_out_texts"] > 0
        assert isinstance(model.fit_info["rule_failures"], list) and model.fit_info["settings"]["kind"]
    for key, cells in rows.items():
        for offset, lang in ((0, "fi"), (3, "sv")):
            got = models[lang].fit_info["figures"][key]
            for printed, value in zip(cells[offset:offset + 3], (got["auc_score"], got["auc_lix"], got["auc_best_single"])):
                digits = len(str(printed).split(".")[1]) if "." in str(printed) else 0
                assert printed == pytest.approx(value, abs=0.5 * 10 ** -max(digits, 3) + 1e-9), (lang, key)
    assert models["fi"].fit_info["figures"]["rewrites"]["pairs_right_score"] == 1.0  # "rewrites 48/48"
    assert models["sv"].fit_info["figures"]["rewrites"]["pairs_right_score"] == 1.0


def test_project_score_model_from_config(tmp_path, lint_text):
    model = ScoreModel("fi", (Component("words_per_sentence", 5.0, 10.0, 100.0),))
    (tmp_path / "model.json").write_text(model.to_json(), encoding="utf-8")
    (tmp_path / "selkeys.toml").write_text('score-model = "model.json"\n', encoding="utf-8")
    config = ConfigResolver(Config()).for_file(str(tmp_path / "a.txt"))
    text = "Tämä virke on hieman pidempi kuin tavallinen lyhyt virke, ja siinä on sivulause.\n"
    result = lint_text(text, config=config)
    assert result.score.value == pytest.approx(0.0)  # 14 words per sentence: past the hard anchor
    assert [d[0] for d in result.score.drivers] == ["words_per_sentence"]
    assert lint_text(text).score.value > 0  # the shipped model judges more than length
    (tmp_path / "model.json").write_text("[]", encoding="utf-8")
    with pytest.raises(ConfigError, match="score-model"):
        ConfigResolver(Config()).for_file(str(tmp_path / "b.txt"))


# -- labelled data -----------------------------------------------------------------------
def _jsonl(path: Path, rows: list) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_other_spellings_of_language_label_and_level(tmp_path):
    rows = [{"text": "Hei.", "language": "fi-FI", "label": "Easy"},
            {"text": "Hej.", "lang": "sv_SE", "level": "b2"},
            {"text": "Hej.", "lang": "sv", "level": "A1", "label": " STANDARD "}]
    items = load_dataset(_jsonl(tmp_path / "d.jsonl", rows))
    assert [(it.lang, it.label, it.level) for it in items] == [
        ("fi", "easy", None), ("sv", None, 4.0), ("sv", "standard", 1.0)]
    (tmp_path / "dir" / "sv" / "C1").mkdir(parents=True)
    (tmp_path / "dir" / "sv" / "C1" / "a.txt").write_text("Hej.", encoding="utf-8")
    (item,) = load_dataset(tmp_path / "dir")
    assert (item.lang, item.level) == ("sv", 5.0)


@pytest.mark.parametrize("row, message", [
    ({"text": "Hei.", "lang": "de", "label": "easy"}, "'lang'"),
    ({"text": "Hei.", "lang": "fi"}, "needs 'label'"),
    ({"text": "Hei.", "lang": "fi", "label": "hard"}, "'label' must be"),
    ({"text": "Hei.", "lang": "fi", "level": "D1"}, "'level' must be a number or a CEFR level"),
    ({"text": "Hei.", "lang": "fi", "level": 1e309}, "'level' must be a number"),  # JSON's 1e309 is infinite
    ({"text": "Hei.", "language": "en", "label": "easy"}, "'lang'"),
    ({"text": "  ", "lang": "fi", "label": "easy"}, "'text'"),
    ("{not json", "invalid JSON"),
    ("[" * 5000 + "]" * 5000, "nested too deeply"),
])
def test_bad_labelled_data_is_refused_with_file_and_line(tmp_path, row, message):
    path = _jsonl(tmp_path / "d.jsonl", [{"text": "Hei.", "lang": "fi", "label": "easy"}, row])
    with pytest.raises(DatasetError, match=message) as info:
        load_dataset(path)
    assert f"{path}:2" in str(info.value)


def test_directory_with_manifest(tmp_path):
    (tmp_path / "a.txt").write_text("Maksa lasku ajoissa.\n", encoding="utf-8")
    _jsonl(tmp_path / "manifest.jsonl", [{"file": "a.txt", "lang": "fi", "level": 1, "source": "s1"}])
    items = load_dataset(tmp_path)
    assert items[0].path == str(tmp_path / "a.txt") and items[0].group == "s1" and items[0].level == 1.0
    _jsonl(tmp_path / "manifest.jsonl", [{"file": "../x.txt", "lang": "fi", "level": 1}])
    with pytest.raises(DatasetError, match="inside the directory"):
        load_dataset(tmp_path)
    (tmp_path / "manifest.jsonl").unlink()
    with pytest.raises(DatasetError, match="manifest.jsonl"):
        load_dataset(tmp_path)
    _jsonl(tmp_path / "empty.jsonl", [""])
    with pytest.raises(DatasetError, match="no labelled texts"):
        load_dataset(tmp_path / "empty.jsonl")


def test_directory_labelled_by_its_folders(tmp_path):
    for relative, text in {"fi/easy/a.txt": "Kirjasto on auki.", "fi/standard/b.md": "Päätös tehtiin.",
                           "sv/2/c.html": "<p>Biblioteket är öppet.</p>", "README.md": "not a text",
                           "fi/easy/.draft.txt": "hidden", "fi/easy/notes.csv": "x"}.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text, encoding="utf-8")
    items = {it.id: it for it in load_dataset(tmp_path)}
    assert set(items) == {"fi/easy/a.txt", "fi/standard/b.md", "sv/2/c.html"}
    assert (items["fi/easy/a.txt"].lang, items["fi/easy/a.txt"].label) == ("fi", "easy")
    assert (items["sv/2/c.html"].lang, items["sv/2/c.html"].level, items["sv/2/c.html"].label) == ("sv", 2.0, None)
    assert len({it.group for it in items.values()}) == 3  # each file its own source document
    (tmp_path / "easy").mkdir()
    (tmp_path / "easy" / "d.txt").write_text("Tule.", encoding="utf-8")
    with pytest.raises(DatasetError, match="no language"):
        load_dataset(tmp_path)
    assert load_dataset(tmp_path, "fi")[0].id == "easy/d.txt"
    (tmp_path / "easy" / "standard").mkdir()
    (tmp_path / "easy" / "standard" / "e.txt").write_text("Tule.", encoding="utf-8")
    with pytest.raises(DatasetError, match="two different labels"):
        load_dataset(tmp_path, "fi")
    unlabelled = tmp_path / "other" / "fi" / "misc"
    unlabelled.mkdir(parents=True)
    (unlabelled / "f.txt").write_text("Tule.", encoding="utf-8")
    with pytest.raises(DatasetError, match="f.txt: no label"):
        load_dataset(tmp_path / "other")
    (tmp_path / "outside.txt").write_text("Tule.", encoding="utf-8")
    linked = tmp_path / "links" / "fi" / "easy"
    linked.mkdir(parents=True)
    (linked / "g.txt").symlink_to(tmp_path / "outside.txt")
    with pytest.raises(DatasetError, match="outside the directory"):
        load_dataset(tmp_path / "links")


# -- selkeys eval ------------------------------------------------------------------------
def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "selkeys", *args], capture_output=True, text=True, timeout=300)


def test_eval_command_reports_score_lix_and_measures(tmp_path):
    easy = (LABELLED / "easy_fi.jsonl").read_text(encoding="utf-8").splitlines()[:6]
    standard = (LABELLED / "ud_fi.jsonl").read_text(encoding="utf-8").splitlines()[:6]
    data = _jsonl(tmp_path / "small.jsonl", easy + standard)
    proc = _run("eval", str(data), "--format", "json", "--repeats", "50")
    assert proc.returncode == 0, proc.stderr
    (lang,) = json.loads(proc.stdout)["languages"]
    assert lang["lang"] == "fi" and lang["easy"] == 6 and lang["standard"] == 6
    rows = {r["measure"]: r for r in lang["rows"]}
    assert {"selkeys score", "lix", "words_per_sentence", "findings_per_100_words"} <= set(rows)
    for row in rows.values():
        if row["auc"] and row["auc"]["value"] is not None:
            assert 0 <= row["auc"]["value"] <= 1 and row["auc"]["n"] == 12
    # the interval holds the estimate
    score = rows["selkeys score"]["auc"]
    assert score["ci95"][0] <= score["value"] <= score["ci95"][1]
    versus = lang["score_minus_lix"]["auc"]
    assert versus["value"] == pytest.approx(score["value"] - rows["lix"]["auc"]["value"], abs=1e-3)
    text = _run("eval", str(data), "--repeats", "0")
    assert text.returncode == 0 and "selkeys score" in text.stdout and "lix" in text.stdout
    assert "Score minus LIX on the same texts" in text.stdout
    # levels only: Spearman without AUC
    graded = _jsonl(tmp_path / "graded.jsonl", [
        {**json.loads(line), "label": None} for line in easy[:3] + standard[:3]])
    (lang,) = json.loads(_run("eval", str(graded), "--format", "json", "--repeats", "20").stdout)["languages"]
    row = lang["rows"][0]
    assert row["auc"] is None and -1 <= row["spearman"]["value"] <= 1


def test_eval_command_errors(tmp_path):
    bad = _jsonl(tmp_path / "bad.jsonl", [{"text": "Hei.", "lang": "fi"}])
    proc = _run("eval", str(bad))
    assert proc.returncode == 2 and "bad.jsonl:1" in proc.stderr and "Traceback" not in proc.stderr
    assert _run("eval", str(tmp_path / "missing.jsonl")).returncode == 2
    wordless = _jsonl(tmp_path / "wordless.jsonl", [{"id": "t1", "text": "123 456\n", "lang": "fi", "level": 1}])
    proc = _run("eval", str(wordless))
    assert proc.returncode == 2 and "t1: no fi words" in proc.stderr
    assert _run("eval", str(bad), "--format", "xml").returncode == 2
    proc = _run("eval", str(bad), "--lang", "en")
    assert proc.returncode == 2 and "unknown language 'en'" in proc.stderr


# -- the score keeps its form ------------------------------------------------------------
def test_scores_stay_in_range_with_drivers_and_sentence_estimates(linter):
    examples = sorted((REPO / "corpus" / "examples").glob("*.txt"))
    assert examples
    for path in examples:
        result = linter.lint_path(str(path), Config())
        source = path.read_text(encoding="utf-8")
        for block in result.blocks:
            if block.score is None:
                continue
            assert 0 <= block.score.value <= 100
            points = [p for _, p in block.score.drivers]
            assert points == sorted(points, reverse=True)
            assert block.score.value == pytest.approx(max(0.0, 100 - sum(points)), abs=0.5 * 15)
            for sentence in block.sentences:
                assert 0 <= sentence.score.value <= 100
                assert sentence.end > sentence.start and source[sentence.start:sentence.end].strip()
            if block.sentences:
                hardest = block.hardest_sentences(1)[0]
                assert hardest.score.value == min(s.score.value for s in block.sentences)


def test_hardest_sentence_is_the_hard_one(lint_text):
    text = ("Maksa lasku ajoissa. Soita meille, jos sinulla on kysyttävää. "
            "Hallintopäätöksen täytäntöönpanokelpoisuuden arvioimiseksi edellytettävien selvitysten "
            "toimittamisen laiminlyönnin oikeudellisista seuraamuksista säädetään hallintolaissa.\n")
    (block,) = lint_text(text).blocks
    assert len(block.sentences) == 3
    hardest = block.hardest_sentences(1)[0]
    assert text[hardest.start:hardest.end].startswith("Hallintopäätöksen")
    assert hardest.score.value < min(s.score.value for s in block.sentences[:2])
    assert hardest.score.drivers  # it says why


def test_hover_names_the_sentence_under_the_cursor_and_the_hardest(lint_text):
    from selkeys.lsp.server import _paragraph_markdown

    text = ("Maksa lasku ajoissa. Soita meille, jos sinulla on kysyttävää. "
            "Hallintopäätöksen täytäntöönpanokelpoisuuden arvioimiseksi edellytettävien selvitysten "
            "toimittamisen laiminlyönnin oikeudellisista seuraamuksista säädetään hallintolaissa.\n")
    (block,) = lint_text(text).blocks
    first = block.sentences[0]
    hover = _paragraph_markdown(block, "fi", first.start + 2)
    assert f"Tämä virke: {first.score.value:.0f}/100" in hover
    hardest = block.hardest_sentences(1)[0]
    assert f"Kappaleen vaikein virke, rivi {hardest.line}: {hardest.score.value:.0f}/100" in hover
    assert "Hardest sentence of the paragraph" in _paragraph_markdown(block, "en", None)


def test_equating_recovers_a_known_line_and_the_shipped_mapping_is_sane():
    from selkeys.calibration.equate import fit_equating, on_finnish_scale, sv_to_fi

    sv = [float(x) for x in range(5, 100, 7)]
    fi = [20.0 + 0.8 * x + (1.0 if i % 2 else -1.0) for i, x in enumerate(sv)]
    mapping = fit_equating(fi, sv)
    assert abs(mapping["a"] - 20.0) < 1.5 and abs(mapping["b"] - 0.8) < 0.03 and mapping["r"] > 0.99
    with pytest.raises(ValueError):
        fit_equating(fi[:5], sv[:5])
    shipped = sv_to_fi()
    assert shipped is not None and shipped["pairs"] >= 10 and shipped["b"] > 0  # a rising line
    assert 0.0 <= on_finnish_scale(0.0) <= on_finnish_scale(50.0) <= on_finnish_scale(100.0) <= 100.0
