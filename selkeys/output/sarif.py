"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Rule metadata comes from the rule packs (id = rule code, its why and source as help), so a
viewer can explain a finding without selkeys. Each result carries partialFingerprints built
from the rule, the matched words and the paragraph's text (see ``fingerprint``): GitHub then
keeps tracking an alert when lines above it move. Columns count characters
(``columnKind: unicodeCodePoints``). The log is written as it is read: results first,
then the rules that occurred, so a site of any size streams through.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TextIO
from urllib.parse import quote

from selkeys import __version__
from selkeys.messages import for_text
from selkeys.output.fingerprint import finding_keys, fingerprint, location
from selkeys.rules.schema import Rule

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "selkeysFinding/v1"
MAX_NOTIFICATIONS = 1000
_LEVEL = {"error": "error", "warning": "warning", "info": "note", "hint": "note"}
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def artifact_uri(where: str) -> str:
    """Page URLs as they are; file paths as relative URI references (spaces, ä ... escaped)."""
    if where.startswith(("http://", "https://")):
        return where
    return quote(where.replace("\\", "/").removeprefix("./"), safe="/:@!$&'()*+,;=-._~")


def rule_descriptor(rule: Rule, message_lang: str | None) -> dict:
    """The rule as SARIF describes it, in the rule's own language unless the user chose one."""
    lang = for_text(message_lang, rule.lang)
    message = rule.message.get(lang) or rule.message.get("en") or rule.name
    why = rule.why.get(lang) or rule.why.get("en") or ""
    short = _PLACEHOLDER.sub("…", message)
    help_text = f"{why}\n\n{rule.source}\n\nselkeys explain {rule.code}"
    examples = [f"- ✗ {bad}" for bad in rule.examples_bad[:2]] + [f"- ✓ {good}" for good in rule.examples_good[:2]]
    help_markdown = "\n\n".join([why, "\n".join(examples), f"*{rule.source}*", f"`selkeys explain {rule.code}`"])
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": why or short},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": _LEVEL[rule.severity.label]},
        "properties": {"tags": [rule.category, rule.lang], "source": rule.source},
    }


def _result(record: dict, finding: dict, key: tuple, rule_index: int) -> dict:
    region = {"startLine": finding["line"], "startColumn": finding["column"],
              "endLine": finding["end_line"], "endColumn": finding["end_column"]}
    if finding.get("matched"):
        region["snippet"] = {"text": finding["matched"]}
    return {
        "ruleId": finding["code"],
        "ruleIndex": rule_index,
        "level": _LEVEL.get(finding["severity"], "warning"),
        "message": {"text": finding["message"]},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(location(record))},
                                            "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(key)},
    }


def render(records: Iterable[dict], out: TextIO, rules: dict[str, Rule], message_lang: str | None = None) -> None:
    out.write('{"$schema": ' + json.dumps(SCHEMA_URI) + ', "version": "2.1.0", "runs": [{"results": [')
    used: dict[str, int] = {}
    notifications: list[dict] = []
    problems = 0
    first = True
    for record in records:
        if record.get("error"):
            problems += 1
            if len(notifications) < MAX_NOTIFICATIONS:
                notifications.append({
                    "level": "error", "message": {"text": f"{location(record)}: {record['error']}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(location(record))}}}],
                })
            continue
        for finding, key in finding_keys(record):
            code = finding["code"]
            if code not in used:
                used[code] = len(used)
            out.write(("" if first else ",") + "\n" + json.dumps(_result(record, finding, key, used[code]),
                                                                   ensure_ascii=False))
            first = False
    if problems > len(notifications):
        notifications.append({"level": "note",
                              "message": {"text": f"{problems - len(notifications)} more pages or files could not be read"}})
    descriptors = [rule_descriptor(rules[code], message_lang) if code in rules else {"id": code} for code in used]
    tail = {
        "tool": {"driver": {"name": "selkeys", "version": __version__, "semanticVersion": __version__,
                            "informationUri": "https://pypi.org/project/selkeys/", "rules": descriptors}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
    }
    out.write("\n], " + json.dumps(tail, ensure_ascii=False)[1:-1] + "}]}\n")
