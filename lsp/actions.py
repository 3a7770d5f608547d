"""Code actions: apply a rewrite, fix all safe rewrites, suppress a rule here, accept a word."""

from __future__ import annotations

import re
from pathlib import Path

from lsprotocol import types

from selkeys.lsp.convert import LineIndex
from selkeys.lint import FileResult
from selkeys.messages import for_document, for_finding, text
from selkeys.model import Finding

ADD_TO_VOCABULARY = "selkeys.addToVocabulary"
RELINT_ALL = "selkeys.relintAll"
_SUPPRESSIBLE = (".md", ".markdown", ".html", ".htm", ".xhtml")


def _edit(uri: str, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: edits})


def code_actions(uri: str, source: str, result: FileResult, requested: types.Range, index: LineIndex,
                 message_lang: str | None) -> list[types.CodeAction]:
    """The actions for the findings in ``requested``, each titled in its finding's language
    (the fix-all action in the document's) unless the user chose a message language."""
    start, end = index.offset(requested.start), index.offset(requested.end)
    here = [f for f in result.findings if f.start <= end and f.end >= start]
    actions: list[types.CodeAction] = []
    for finding in here:
        lang = for_finding(message_lang, finding)
        for suggestion in finding.suggestions:
            if suggestion.replacement is None:
                continue  # display-only: the words around it need a person
            label = f"{text('lsp.fix', lang)}: {finding.matched} → {suggestion.replacement}"
            if not suggestion.safe:
                label += f" ({text('suggestion.review', lang)})"
            actions.append(types.CodeAction(
                title=label, kind=types.CodeActionKind.QuickFix, is_preferred=suggestion.safe,
                edit=_edit(uri, [types.TextEdit(index.range(finding.start, finding.end), suggestion.replacement)]),
            ))
        if uri.lower().endswith(_SUPPRESSIBLE):
            actions.append(_suppress(uri, source, finding, index, text("lsp.suppress", lang, code=finding.code)))
        term = finding.matched.strip()
        if term and "\n" not in term and len(term) <= 60:
            title = text("lsp.add_vocabulary", lang, term=term)
            actions.append(types.CodeAction(
                title=title, kind=types.CodeActionKind.QuickFix,
                command=types.Command(title=title, command=ADD_TO_VOCABULARY, arguments=[uri, term]),
            ))
    safe = fix_all_safe(uri, result, index, text("lsp.fix_all_safe", for_document(message_lang, result)))
    if safe is not None:
        actions.append(safe)
    return actions


def fix_all_safe(uri: str, result: FileResult, index: LineIndex, title: str) -> types.CodeAction | None:
    """Every safe rewrite in the document, without overlapping edits."""
    edits: list[types.TextEdit] = []
    last_end = -1
    for finding in sorted(result.findings, key=lambda f: f.start):
        suggestion = next((s for s in finding.suggestions if s.safe and s.replacement is not None), None)
        if suggestion is None or finding.start < last_end:
            continue
        edits.append(types.TextEdit(index.range(finding.start, finding.end), suggestion.replacement))
        last_end = finding.end
    if not edits:
        return None
    return types.CodeAction(title=title, kind=types.CodeActionKind.SourceFixAll, edit=_edit(uri, edits))


def _suppress(uri: str, source: str, finding: Finding, index: LineIndex, title: str) -> types.CodeAction:
    """Insert a next-line suppression comment, with a reason to fill in, above the finding's line."""
    line_start = source.rfind("\n", 0, finding.start) + 1
    indent = re.match(r"[ \t]*", source[line_start:]).group(0)
    comment = f"{indent}<!-- selkeys-disable-next-line {finding.code} -- syy / reason -->\n"
    position = index.position(line_start)
    return types.CodeAction(
        title=title, kind=types.CodeActionKind.QuickFix,
        edit=_edit(uri, [types.TextEdit(types.Range(start=position, end=position), comment)]),
    )


def add_to_vocabulary(config_file: Path, term: str) -> None:
    """Add ``term`` to the ``vocabulary`` list of a selkeys.toml (created if missing) or of the
    ``[tool.selkeys]`` table of a pyproject.toml.

    The file is edited as text so that its comments and layout stay as the user wrote them.
    """
    if not term.strip() or len(term) > 200 or any(ord(ch) < 32 for ch in term):
        raise ValueError(f"not a vocabulary term: {term[:40]!r}")  # a client may send anything
    text = config_file.read_text(encoding="utf-8") if config_file.is_file() else ""
    quoted = '"' + term.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if config_file.name == "pyproject.toml":
        header = re.search(r"^\[tool\.selkeys\][ \t]*\n", text, re.M)
        if header is None:
            text = text.rstrip("\n") + ("\n\n" if text else "") + "[tool.selkeys]\n"
            header = re.search(r"^\[tool\.selkeys\][ \t]*\n", text, re.M)
        section_start = header.end()
        following = re.search(r"^\[", text[section_start:], re.M)
        section_end = section_start + following.start() if following else len(text)
    else:
        section_start = 0
        first_table = re.search(r"^\[", text, re.M)  # top-level keys go before the first table
        section_end = first_table.start() if first_table else len(text)
    section = text[section_start:section_end]
    match = re.search(r"^vocabulary\s*=\s*\[(.*?)\]", section, re.M | re.S)
    if match:
        items = match.group(1).rstrip().rstrip(",")
        section = (section[:match.start()] + f"vocabulary = [{items}{', ' if items.strip() else ''}{quoted}]"
                   + section[match.end():])
    else:
        line = f"vocabulary = [{quoted}]\n"
        section = line + section if config_file.name == "pyproject.toml" else section + line
    config_file.write_text(text[:section_start] + section + text[section_end:], encoding="utf-8")
