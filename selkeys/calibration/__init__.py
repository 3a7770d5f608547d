"""Calibration and validation of the clarity score.

dataset.py (labelled texts: JSONL or a directory with a manifest), features.py (measures by
running the real linter), stats.py (AUC, Spearman, bootstrap intervals), fit.py (anchors and
non-negative weights; grouped cross-validation), model.py (the model as JSON data, loaded by
score.py), evaluate.py and report.py (the comparison table of ``selkeys eval``), ud.py and
refit.py (``make calibrate``). Only model.py is imported when text is linted; the rest needs
numpy and is loaded by the commands that use it.
"""
