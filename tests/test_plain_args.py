"""The plain-argument reader gives `check` and `score` exactly what typer would, or leaves
the command line to typer."""

from __future__ import annotations

import pytest
import typer.main

from selkeys.cli import app as cli_app
from selkeys.cli.plain_args import parse, signature

COMMAND_LINES = [
    ["check", "a.txt"],
    ["check"],
    ["check", "--no-cache", "--exit-zero", "--lang", "fi", "big.txt"],
    ["check", "--format=json", "-j3", "--max-file-size", "10", "a.md", "b.md"],
    ["check", "--select", "FI-NOUN,FI-ABBR", "--select", "FI-WORD", "-j", "2", "a", "--ignore", "X", "b"],
    ["check", "--format", "--odd-value", "a.txt"],  # an option's value is the next argument, whatever it is
    ["check", "--detail", "paragraphs", "--format", "json", "--format", "sarif", "-"],  # the last one counts
    ["check", "--", "--not-an-option.txt"],
    ["check", "--jobs", "0", "--max-pages", "5", "--crawl", "https://example.com/"],
    ["score", "a.txt", "b.txt", "--no-color", "--profile", "easy"],
]
LEFT_TO_TYPER = [
    ["check", "--help"],
    ["check", "-h"],
    ["check", "--no-such-option", "a.txt"],
    ["check", "--jobs", "two", "a.txt"],
    ["check", "-j", "-1", "a.txt"],
    ["check", "--no-cache=yes", "a.txt"],
    ["check", "--format"],
    ["score"],  # a required argument missing
    ["rules"],
]


def _typer_params(args: list[str]) -> dict:
    command = typer.main.get_command(cli_app.app).commands[args[0]]
    return command.make_context(args[0], list(args[1:])).params


def _commands() -> dict:
    return {"check": cli_app.check, "score": cli_app.score}


@pytest.mark.parametrize("args", COMMAND_LINES, ids=" ".join)
def test_same_arguments_as_typer(args):
    assert parse(args[1:], signature(_commands()[args[0]])) == _typer_params(args)


@pytest.mark.parametrize("args", LEFT_TO_TYPER, ids=" ".join)
def test_anything_else_is_left_to_typer(args):
    function = _commands().get(args[0])
    assert function is None or parse(args[1:], signature(function)) is None
