"""The message catalogue, and the one rule for which language a user is told things in.

Every interface text of the engine and the front-ends (labels, severities, score bands,
measure names, notices, the handbook's and the report's headings, the playground's and the
feedback widget's texts) is an entry of ``selkeys/data/messages.yaml`` with its Finnish,
Swedish and English wording side by side. The file is read once, on first use, so a finding
costs a dictionary lookup, never a file read. Rule messages are not here: they belong to the
rule packs.

Which language: a finding is told in the language of the text it is about (its rule's
language: FI-* rules in Finnish, SV-* rules in Swedish), so a Swedish paragraph gets Swedish
messages; what concerns a whole document (its score, notices, a report's headings) is told in
the document's main language. ``--message-lang`` (``message-lang`` in the config, the
editor's ``messageLang``) overrides both. Every front-end asks :func:`for_text`,
:func:`for_finding` or :func:`for_document`, so none decides this on its own.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from selkeys.lint import FileResult
    from selkeys.model import Finding

LANGS = ("fi", "sv", "en")  # languages of the messages
TEXT_LANGS = ("fi", "sv")  # languages of the text selkeys analyses
DEFAULT_LANG = "fi"  # for text in neither (an English page, a file without text)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@functools.cache
def catalogue() -> dict[str, dict[str, str]]:
    """Message id -> {fi, sv, en}, read from the package data once per process."""
    data = resources.files("selkeys").joinpath("data/messages.yaml").read_text(encoding="utf-8")
    return yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def text(key: str, lang: str, **values: object) -> str:
    """The message ``key`` in ``lang`` (English for a language not offered) with its
    ``{placeholders}`` filled from ``values``; an unknown key is a KeyError, never a silent gap."""
    template = catalogue()[key][lang if lang in LANGS else "en"]
    if not values:
        return template
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def group(prefix: str, lang: str) -> dict[str, str]:
    """Every message under ``prefix.`` in ``lang``, keyed by the name after the prefix: the
    texts a browser front-end receives whole (``group("feedback", "sv")["send"]``)."""
    start = prefix + "."
    return {key[len(start):]: text(key, lang) for key in catalogue() if key.startswith(start)}


def cap(value: str) -> str:
    """``value`` with a capital first letter, for a catalogue text that starts a line or a heading."""
    return value[:1].upper() + value[1:]


def decimal(value: float, lang: str, spec: str = ".1f") -> str:
    """A number formatted with ``spec``, with the decimal comma Finnish and Swedish use."""
    formatted = format(value, spec)
    return formatted.replace(".", ",") if lang in TEXT_LANGS else formatted


def for_text(override: str | None, text_lang: str | None) -> str:
    """The language to tell the user about text in ``text_lang``: ``override`` when one is set
    (``--message-lang``), else the text's own language, else Finnish."""
    if override:
        return override
    return text_lang if text_lang in TEXT_LANGS else DEFAULT_LANG


def for_finding(override: str | None, finding: "Finding") -> str:
    """The language of a finding's message, suggestion, severity and place: its text's."""
    return for_text(override, finding.lang)


def for_document(override: str | None, result: "FileResult") -> str:
    """The language of what concerns a whole document (score line, notices, headings): its
    main language, the first of ``FileResult.by_language``."""
    return for_text(override, result.main_lang)
