"""Build the Finnish benchmark text (>= 100,000 words, every sentence at most once).

Throughput numbers only mean something on text that looks like what users lint:
varied vocabulary, real sentence lengths, no copy-paste padding that would let
caches or repeated-match shortcuts flatter the result. So the text is put together
from three freely licensed Finnish sources and deduplicated sentence by sentence:

* UD Finnish-TDT dev set (``# text =`` lines), CC BY-SA 4.0: news, blogs, wiki.
* The project's own example documents (``corpus/examples/*.txt``), MIT.
* LibreOffice help in Finnish (Debian ``libreoffice-help-fi``), MPL-2.0:
  instructional prose, close in register to public-sector guidance.

Only the standard library is used, so the benchmark runs in a bare venv.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

TARGET_WORDS = 100_000
# Stop adding help pages a little above the target so the word count stays
# >= TARGET_WORDS even if a future sentence splitter counts slightly differently.
STOP_AT_WORDS = 105_000
SHUFFLE_SEED = 20250415  # fixed: the same packages always give the same text

LO_PACKAGE = "libreoffice-help-fi"
LO_HELP_DIR = Path("/usr/share/libreoffice/help/fi/text")
# <p> classes that carry running prose in the LibreOffice help HTML; code,
# headings and icon captions are left out.
LO_PROSE_CLASSES = frozenset(
    {
        "paragraph",
        "listitem",
        "paragraphintable",
        "tablecontentintable",
        "table_font_small paragraphintable",
        "embedded",
        "ol_item",
        "ul_item",
        "listitemintable",
        "example",
    }
)
SKIP_TAGS = frozenset({"script", "style", "pre", "code"})

MIN_PARAGRAPH_WORDS = 5
MIN_LETTER_SHARE = 0.7
# Many strings in the Finnish help are still untranslated English; a paragraph
# counts as English when this share of its words are common English words.
MAX_ENGLISH_SHARE = 0.08
ENGLISH_WORDS = frozenset(
    "the a an of to and in is are you your for on with this that be by from as it "
    "can click select choose if which will not at use or when then these there "
    "have has was were into all its".split()
)
FINNISH_WORDS = frozenset(
    "ja on ei tai voi että se kun jos ovat sekä valitse napsauta jossa joka "
    "mukaan kanssa myös tämä sen ole vain kaikki jotka kuin voit".split()
)

WORD_RE = re.compile(r"\w", re.UNICODE)
LEADING_NON_LETTERS_RE = re.compile(r"^[\W\d_]+")
LETTER_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
# A sentence ends at . ! ? (optionally followed by a closing quote/bracket) and
# whitespace, unless the next word starts in lower case ("15. elokuuta").
SENTENCE_END_RE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)\]]))\s+(?=[^\sa-zåäö])")


@dataclass
class CorpusStats:
    """What went into the text, for the report."""

    words: int = 0
    sentences: int = 0
    distinct_sentences: int = 0
    paragraphs: int = 0
    words_by_source: dict[str, int] = field(default_factory=dict)


def count_words(text: str) -> int:
    """Count whitespace-separated tokens that contain a letter or digit.

    Punctuation-only tokens (dashes, bullets) are not words, so they must not
    inflate words/second.
    """
    return sum(1 for token in text.split() if WORD_RE.search(token))


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences with a simple punctuation rule.

    Only used for deduplication and counting, so a few wrong splits after
    abbreviations do no harm: the same rule is applied everywhere.
    """
    sentences: list[str] = []
    pending = ""  # letterless pieces ("1.", ":)") join the next sentence
    for piece in SENTENCE_END_RE.split(paragraph):
        piece = f"{pending} {piece}".strip() if pending else piece.strip()
        pending = ""
        if not any(c.isalpha() for c in piece):
            pending = piece
        elif piece:
            sentences.append(piece)
    if pending:
        if sentences:
            sentences[-1] = f"{sentences[-1]} {pending}"
        else:
            sentences.append(pending)
    return sentences


def sentence_key(sentence: str) -> str:
    """Compare sentences ignoring case and leading symbols (":) Tiesitkö?")."""
    return LEADING_NON_LETTERS_RE.sub("", sentence).casefold()


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace (HTML source is indented and wrapped)."""
    return " ".join(text.split())


def looks_like_prose(paragraph: str) -> bool:
    """Reject short fragments and lines that are mostly numbers or symbols."""
    if count_words(paragraph) < MIN_PARAGRAPH_WORDS:
        return False
    visible = [c for c in paragraph if not c.isspace()]
    letters = sum(1 for c in visible if c.isalpha())
    return bool(visible) and letters / len(visible) >= MIN_LETTER_SHARE


def looks_finnish(paragraph: str) -> bool:
    """Keep translated help text and drop the untranslated English strings."""
    words = [w.lower() for w in LETTER_WORD_RE.findall(paragraph)]
    if not words:
        return False
    english = sum(1 for w in words if w in ENGLISH_WORDS)
    finnish = sum(1 for w in words if w in FINNISH_WORDS)
    has_finnish_letters = any(c in paragraph for c in "äöÄÖ")
    return english / len(words) <= MAX_ENGLISH_SHARE and (
        finnish > 0 or has_finnish_letters
    )


# --- source (a): UD Finnish-TDT -------------------------------------------------


def ud_paragraphs(conllu: Path, per_paragraph: int = 6) -> Iterator[str]:
    """Yield UD sentences grouped into paragraphs by document id.

    TDT has no ``# newpar`` marks, but ``sent_id`` is ``<doc>.<n>``; grouping a
    few consecutive sentences of one document gives paragraph-sized blocks like
    the ones selkeys scores.
    """
    current_doc: str | None = None
    sent_doc: str | None = None
    block: list[str] = []
    with conllu.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("# sent_id = "):
                sent_doc = line.split("=", 1)[1].strip().rsplit(".", 1)[0]
            elif line.startswith("# text = "):
                if block and (sent_doc != current_doc or len(block) >= per_paragraph):
                    yield " ".join(block)
                    block = []
                current_doc = sent_doc
                block.append(line.split("=", 1)[1].strip())
    if block:
        yield " ".join(block)


# --- source (b): our example documents ------------------------------------------


def example_paragraphs(examples_dir: Path) -> Iterator[str]:
    """Yield blank-line-separated paragraphs of the project's .txt examples."""
    for path in sorted(examples_dir.glob("*.txt")):
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            text = normalise_space(block)
            if text:
                yield text


# --- source (c): LibreOffice help in Finnish ------------------------------------


class _ProseExtractor(HTMLParser):
    """Collect the text of prose <p> elements, skipping code and scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._buffer: list[str] | None = None
        self._p_depth = 0
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self._skip_depth += 1
        elif tag == "p":
            if self._buffer is None and (dict(attrs).get("class") or "") in LO_PROSE_CLASSES:
                self._buffer = []
                self._p_depth = 0
            if self._buffer is not None:
                self._p_depth += 1
        elif tag == "br" and self._buffer is not None:
            self._buffer.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag == "p" and self._buffer is not None:
            self._p_depth -= 1
            if self._p_depth <= 0:
                self.paragraphs.append(normalise_space("".join(self._buffer)))
                self._buffer = None

    def handle_data(self, data: str) -> None:
        if self._buffer is not None and not self._skip_depth:
            self._buffer.append(data)


def ensure_lo_help() -> bool:
    """Install libreoffice-help-fi through apt if it is missing.

    Returns whether the help directory is usable. Installation failures are
    not fatal: the report then shows the text could not reach the target.
    """
    if subprocess.run(["dpkg", "-s", LO_PACKAGE], capture_output=True).returncode != 0:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        print(f"Installing {LO_PACKAGE} with apt-get ...", flush=True)
        try:
            subprocess.run(sudo + ["apt-get", "update", "-qq"], env=env)
            subprocess.run(
                sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", LO_PACKAGE],
                env=env,
            )
        except OSError as err:  # no apt-get or no sudo: not a Debian-like system
            print(f"Could not install {LO_PACKAGE}: {err}", flush=True)
    return LO_HELP_DIR.is_dir()


def lo_help_files() -> list[Path]:
    """List the help pages in a fixed pseudo-random order.

    Sorted order would fill the budget with the Basic reference alone; a seeded
    shuffle mixes Writer, Calc, Impress and shared pages deterministically.
    """
    files = sorted(LO_HELP_DIR.rglob("*.html"))
    random.Random(SHUFFLE_SEED).shuffle(files)
    return files


def lo_paragraphs() -> Iterator[str]:
    """Yield Finnish prose paragraphs from the LibreOffice help pages."""
    for path in lo_help_files():
        parser = _ProseExtractor()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        parser.close()
        yield from parser.paragraphs


# --- assembly --------------------------------------------------------------------


def unique_sentences(paragraph: str, seen: set[str]) -> str:
    """Return the paragraph with sentences already used elsewhere removed.

    Help pages repeat boilerplate ("Valitse OK.") on hundreds of pages; keeping
    it would amount to the padding the benchmark must not contain.
    """
    kept = []
    for sentence in split_sentences(paragraph):
        key = sentence_key(sentence)
        if key not in seen:
            seen.add(key)
            kept.append(sentence)
    return " ".join(kept)


def assemble(sources: Iterable[tuple[str, Iterable[str]]], stop_at: int) -> tuple[list[str], CorpusStats]:
    """Take prose paragraphs source by source until ``stop_at`` words are reached."""
    seen: set[str] = set()
    paragraphs: list[str] = []
    stats = CorpusStats()
    for name, source in sources:
        for raw in source:
            if stats.words >= stop_at:
                break
            if not looks_like_prose(raw) or not looks_finnish(raw):
                continue
            text = unique_sentences(raw, seen)
            if not text or not looks_like_prose(text):
                continue
            words = count_words(text)
            paragraphs.append(text)
            stats.words += words
            stats.words_by_source[name] = stats.words_by_source.get(name, 0) + words
    return paragraphs, stats


def measure_text(text: str, stats: CorpusStats) -> CorpusStats:
    """Recount words and sentences from the written file, the ground truth."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    sentences = [sentence_key(s) for p in paragraphs for s in split_sentences(p)]
    stats.words = count_words(text)
    stats.paragraphs = len(paragraphs)
    stats.sentences = len(sentences)
    stats.distinct_sentences = len(set(sentences))
    return stats


def build_corpus(repo: Path, out_file: Path) -> CorpusStats:
    """Write the benchmark text to ``out_file`` unless a complete one is cached.

    A cached text below the word target (say, built while a source was missing)
    is rebuilt, so a partial text is never silently reused.
    """
    stats = CorpusStats()
    cached = out_file.exists() and count_words(out_file.read_text(encoding="utf-8")) >= TARGET_WORDS
    if not cached:
        conllu = repo.parent / "shared" / "data" / "ud-fi" / "tdt-fi_tdt-ud-dev.conllu"
        sources: list[tuple[str, Iterable[str]]] = []
        if conllu.exists():
            sources.append(("UD Finnish-TDT dev", ud_paragraphs(conllu)))
        sources.append(("selkeys examples", example_paragraphs(repo / "corpus" / "examples")))
        if ensure_lo_help():
            sources.append(("LibreOffice help (fi)", lo_paragraphs()))
        paragraphs, stats = assemble(sources, STOP_AT_WORDS)
        out_file.parent.mkdir(parents=True, exist_ok=True)
        out_file.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        write_sources_note(out_file, stats)
    else:
        stats.words_by_source = read_sources_note(out_file)
    return measure_text(out_file.read_text(encoding="utf-8"), stats)


def _note_path(out_file: Path) -> Path:
    return out_file.with_suffix(".sources.tsv")


def write_sources_note(out_file: Path, stats: CorpusStats) -> None:
    """Remember words per source so a cached run can still report them."""
    lines = [f"{name}\t{words}" for name, words in stats.words_by_source.items()]
    _note_path(out_file).write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_sources_note(out_file: Path) -> dict[str, int]:
    """Read the words-per-source note written with the cached text."""
    note = _note_path(out_file)
    if not note.exists():
        return {}
    rows = (line.split("\t") for line in note.read_text(encoding="utf-8").splitlines() if line)
    return {name: int(words) for name, words in rows}


# --- the Swedish text --------------------------------------------------------------

SWEDISH_TARGET_WORDS = 50_000
UD_SWEDISH = ("talbanken-sv_talbanken-ud-test.conllu", "talbanken-sv_talbanken-ud-dev.conllu",
              "lines-sv_lines-ud-dev.conllu", "lines-sv_lines-ud-test.conllu")


def build_swedish_corpus(repo: Path, out_file: Path) -> CorpusStats:
    """Write the Swedish benchmark text (UD Swedish-Talbanken and LinES, each sentence once).

    Unlike the Finnish text it is rebuilt every run: it is small and quick to make."""
    folder = repo.parent / "shared" / "data" / "ud-sv"
    seen: set[str] = set()
    paragraphs: list[str] = []
    stats = CorpusStats()
    for name in UD_SWEDISH:
        path = folder / name
        if not path.exists():
            continue
        sentences = [line.split("=", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.startswith("# text = ")]
        for i in range(0, len(sentences), 6):  # Swedish sent_ids carry no document, so six at a time
            text = unique_sentences(normalise_space(" ".join(sentences[i:i + 6])), seen)
            if text:
                words = count_words(text)
                paragraphs.append(text)
                stats.words += words
                source = "UD Swedish-" + ("Talbanken" if name.startswith("talbanken") else "LinES")
                stats.words_by_source[source] = stats.words_by_source.get(source, 0) + words
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return measure_text(out_file.read_text(encoding="utf-8"), stats)
