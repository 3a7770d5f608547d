"""Build the shipped Swedish spaCy pipeline (tagger, morphologizer, lemmatizer).

One command does everything so that the shipped model can be rebuilt exactly:

    .venv/bin/python training/sv/train.py          # or: make sv-model

Steps: CoNLL-U -> .spacy (spaCy's own converter), deterministic train/dev split,
`spacy train` with training/sv/config.cfg, evaluation on Talbanken test
(evaluate.py), and a copy of the best model to selkeys/models/sv_ud/ with a
README and metrics.json.  Nothing is downloaded: the config uses no vectors.

Why this data: UD Swedish-Talbanken *test* is reserved for the final
evaluation and is never read here; everything else we have (LinES dev+test,
Talbanken dev) is training data, of which every 10th sentence is held out as
the dev set that `spacy train` uses to pick model-best.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.training.converters import conllu_to_docs

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from conllu import Sentence, read_sentences  # noqa: E402
import evaluate  # noqa: E402

REPO = HERE.parents[1]
DATA_DIR = Path("/work/shared/data/ud-sv")
WORK_DIR = HERE / "work"
CONFIG = HERE / "config.cfg"
MODEL_DIR = REPO / "selkeys" / "models" / "sv_ud"

# (file name, keep XPOS).  LinES' XPOS column is not SUC (it holds strings
# like "SG-IND-NOM" or "_"), so its tags are blanked: the tagger then learns
# SUC tags from Talbanken only and treats LinES tokens as unannotated.
TALBANKEN_TRAIN = ("talbanken-sv_talbanken-ud-dev.conllu", True)
LINES_TRAIN = [
    ("lines-sv_lines-ud-dev.conllu", False),
    ("lines-sv_lines-ud-test.conllu", False),
]
TEST_FILE = "talbanken-sv_talbanken-ud-test.conllu"
DEV_EVERY = 10  # every 10th sentence (index % 10 == 9) -> dev

UPSTREAM = {"Talbanken": "30067217d275", "LinES": "594bd6cae913"}


def training_files(include_lines: bool) -> list[tuple[str, bool]]:
    """The training files; LinES can be left out (see README on its licence)."""
    return (LINES_TRAIN if include_lines else []) + [TALBANKEN_TRAIN]


def split_sentences(
    data_dir: Path, files: list[tuple[str, bool]]
) -> tuple[list[tuple[Sentence, bool]], list[tuple[Sentence, bool]]]:
    """Deterministic split: every DEV_EVERY-th sentence of each file goes to dev.

    Taking it per file keeps the dev set's genre mix equal to the training mix.
    """
    if TEST_FILE in {name for name, _ in files}:
        raise ValueError("Talbanken test is for the final evaluation only")
    train: list[tuple[Sentence, bool]] = []
    dev: list[tuple[Sentence, bool]] = []
    for name, keep_xpos in files:
        for i, sent in enumerate(read_sentences(data_dir / name)):
            (dev if i % DEV_EVERY == DEV_EVERY - 1 else train).append((sent, keep_xpos))
    return train, dev


def to_docs(sentences: list[tuple[Sentence, bool]]) -> list[Doc]:
    """Convert with spaCy's CoNLL-U converter, one Doc per sentence.

    The converter copies UPOS into the tag when XPOS is "_", and LinES' XPOS
    is not SUC anyway, so tags of non-SUC sentences are set to "" = missing.
    """
    docs: list[Doc] = []
    for sent, keep_xpos in sentences:
        (doc,) = conllu_to_docs(sent.to_conllu(), n_sents=1, no_print=True)
        if not keep_xpos:
            for token in doc:
                token.tag_ = ""
        docs.append(doc)
    return docs


def write_corpus(docs: list[Doc], path: Path) -> None:
    """Serialize docs as a .spacy DocBin (the format `spacy train` reads)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    print(f"wrote {path.relative_to(REPO)}: {len(docs)} sentences, "
          f"{sum(len(d) for d in docs)} words")


def train(train_path: Path, dev_path: Path, output: Path) -> float:
    """Run `spacy train` on CPU and return the wall-clock seconds it took."""
    from spacy.cli.train import train as spacy_train

    start = time.perf_counter()
    spacy_train(
        CONFIG,
        output,
        use_gpu=-1,
        overrides={"paths.train": str(train_path), "paths.dev": str(dev_path)},
    )
    return time.perf_counter() - start


def ship(best: Path, target: Path) -> None:
    """Copy model-best to the package: only what spacy.load needs."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(best, target)


def dir_size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def write_readme(target: Path, metrics: dict, include_lines: bool,
                 n_train: int, n_dev: int) -> None:
    """Document data, licence, training recipe and measured accuracy."""
    readme = (HERE / "MODEL_README.template.md").read_text(encoding="utf-8")
    corpora = ("UD Swedish-LinES dev + test and UD Swedish-Talbanken dev"
               if include_lines else "UD Swedish-Talbanken dev only (`--no-lines`)")
    readme = readme.format(
        corpora=corpora,
        n_train=n_train,
        n_dev=n_dev,
        talbanken_commit=UPSTREAM["Talbanken"],
        lines_commit=UPSTREAM["LinES"],
        table=evaluate.markdown_table(metrics),
        size_mb=f"{dir_size_mb(target):.1f}",
        train_minutes=f"{metrics.get('train_seconds', 0) / 60:.1f}",
        lines_flag="" if include_lines else " --no-lines",
    )
    (target / "README.md").write_text(readme, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--no-lines", action="store_true",
                        help="train on Talbanken dev only (licence-clean CC BY-SA)")
    parser.add_argument("--skip-train", action="store_true",
                        help="reuse work/model/model-best (e.g. after editing the README)")
    args = parser.parse_args(argv)
    include_lines = not args.no_lines

    train_sents, dev_sents = split_sentences(args.data, training_files(include_lines))
    train_path = WORK_DIR / "corpus" / "train.spacy"
    dev_path = WORK_DIR / "corpus" / "dev.spacy"
    write_corpus(to_docs(train_sents), train_path)
    write_corpus(to_docs(dev_sents), dev_path)

    output = WORK_DIR / "model"
    seconds_file = output / "train_seconds.txt"
    if args.skip_train:
        seconds = float(seconds_file.read_text()) if seconds_file.exists() else 0.0
    else:
        seconds = train(train_path, dev_path, output)
        seconds_file.write_text(f"{seconds:.1f}\n")
    print(f"training took {seconds / 60:.1f} min")

    ship(output / "model-best", MODEL_DIR)
    metrics = evaluate.run(MODEL_DIR, args.data / TEST_FILE, extra={
        "train_seconds": round(seconds, 1),
        "train_sentences": len(train_sents),
        "dev_sentences": len(dev_sents),
        "includes_lines": include_lines,
    })
    write_readme(MODEL_DIR, metrics, include_lines, len(train_sents), len(dev_sents))
    print(f"shipped {MODEL_DIR.relative_to(REPO)} ({dir_size_mb(MODEL_DIR):.1f} MB)")
    # The model is built and shipped even if a target is missed: the table
    # says FAIL, and evaluate.py (run alone) is the check that exits non-zero.
    return 0


if __name__ == "__main__":
    sys.exit(main())
