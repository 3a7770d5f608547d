"""Calibration and validation of the clarity score.

dataset.py (labelled texts: JSONL or a directory with a manifest), features.py (measures by
running the real linter), stats.py (AUC, Spearman, bootstrap intervals), fit.py (anchors and
non-negative weights; cross-validation by document and by time), model.py (the model as JSON
data, loaded by score.py), evaluate.py and report.py (the comparison table of ``selkeys eval``).
``make calibrate`` (refit.py): sources.py gathers the labelled texts and the held-out split from
snapshot.py (local git clones), selkouutiset.py and finlex.py (real text read at fit time),
chunks.py and ud.py; select.py chooses the model's settings by cross-validation; gate.py is the
rule that a score must beat every single measure on held-out data. Only model.py is imported
when text is linted; the rest needs numpy and is loaded by the commands that use it.
"""
