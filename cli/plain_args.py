"""`selkeys check` and `selkeys score` read from plain arguments without typer's parser.

Typer builds the click command of every subcommand and a pydantic validator for each option
of the one run: about 0.25 s, half the start-up of checking one paragraph. Most invocations
are plain (long options from the command's signature, ``-j N``, file names), and those are
read here from the same declarations, so the two parsers cannot disagree on names or
defaults, and the command function is called with what typer would give it. Anything else
(help, an unknown or malformed option, a number that is not plain digits, a missing required
argument) gets None, and then typer parses the command line with its usual messages.
"""

from __future__ import annotations

import errno
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import NoneType, UnionType

import typer
from typer.models import ArgumentInfo, OptionInfo
from typer.utils import get_params_from_function


@dataclass(frozen=True, slots=True)
class _Param:
    name: str  # the function's parameter
    kind: type  # str, int or bool (a flag)
    multiple: bool  # a list: the option may be repeated, or the argument takes every file name
    required: bool


@dataclass(frozen=True, slots=True)
class _Signature:
    options: dict[str, _Param]  # by every name it is given on the command line ("--jobs", "-j")
    argument: _Param | None  # the positional one
    defaults: dict[str, object]  # what typer gives for a parameter not on the command line


# option settings that change how a value is read or checked: a command using one is left to typer
_UNREAD = ("envvar", "callback", "parser", "min", "max")


def _leaf(annotation: object) -> tuple[type, bool] | None:
    """(str, int or bool; whether a list) for the annotations read here; None for others."""
    if typing.get_origin(annotation) in (typing.Union, UnionType):
        inner = [a for a in typing.get_args(annotation) if a is not NoneType]
        if len(inner) != 1:
            return None
        annotation = inner[0]
    multiple = typing.get_origin(annotation) is list
    if multiple:
        (annotation,) = typing.get_args(annotation)
    if annotation in (str, int) or (annotation is bool and not multiple):
        return annotation, multiple  # type: ignore[return-value]
    return None


def signature(function: Callable) -> _Signature | None:
    """What the command line may give ``function``, from its typer annotations as typer reads
    them; None when a parameter is of a kind not read here (then typer always parses)."""
    options: dict[str, _Param] = {}
    argument = None
    defaults: dict[str, object] = {}
    for name, meta in get_params_from_function(function).items():
        info = meta.default
        leaf = _leaf(meta.annotation) if isinstance(info, (OptionInfo, ArgumentInfo)) else None
        if leaf is None or any(getattr(info, extra, None) is not None for extra in _UNREAD) \
                or getattr(info, "prompt", False):
            return None
        required = info.default is ...
        param = _Param(name, leaf[0], leaf[1], required)
        if isinstance(info, ArgumentInfo):
            if argument is not None or not param.multiple:
                return None
            argument = param
        else:
            if required or not info.param_decls or any("/" in decl for decl in info.param_decls):
                return None
            options.update((decl, param) for decl in info.param_decls)
        if not required:  # a list not given is an empty tuple, as click leaves it
            defaults[name] = () if param.multiple else info.default
    return _Signature(options, argument, defaults)


def _value(param: _Param, text: str) -> object | None:
    if param.kind is int:
        return int(text) if text.isascii() and text.isdigit() else None
    return text


def parse(args: Sequence[str], spec: _Signature) -> dict[str, object] | None:
    """The function's arguments from a command line, as typer gives them (a repeated option a
    list, one not given an empty tuple); None when typer should read it."""
    given: dict[str, object] = {}
    positional: list[str] = []
    i = 0
    while i < len(args):
        token = args[i]
        i += 1
        if token == "--":
            positional.extend(args[i:])
            break
        if not token.startswith("-") or token == "-":
            positional.append(token)
            continue
        name, eq, attached = token.partition("=") if token.startswith("--") else (token[:2], token[2:] != "", token[2:])
        param = spec.options.get(name)
        if param is None:
            return None  # --help, a typo, an option of another command: typer says what is wrong
        if param.kind is bool:
            if eq:
                return None
            given[param.name] = True
            continue
        if not eq:
            if i == len(args):
                return None
            attached, i = args[i], i + 1
        value = _value(param, attached)
        if value is None:
            return None
        if param.multiple:
            given.setdefault(param.name, []).append(value)  # type: ignore[union-attr]
        else:
            given[param.name] = value
    if spec.argument is not None:
        if positional:
            given[spec.argument.name] = positional
        elif spec.argument.required:
            return None
    elif positional:
        return None
    return {**spec.defaults, **given}


def invoke(args: Sequence[str], commands: dict[str, Callable]) -> int | None:
    """Run ``selkeys COMMAND ...`` when it is one of ``commands`` and its arguments are plain;
    returns the exit code, or None when typer should run the command line.

    Exits as typer would: the code of ``typer.Exit``, 130 on Ctrl-C, 1 quietly when the reader
    of the output has gone away (``selkeys check ... | head``)."""
    function = commands.get(args[0]) if args else None
    spec = signature(function) if function is not None else None
    kwargs = parse(args[1:], spec) if spec is not None else None
    if kwargs is None:
        return None
    try:
        function(**kwargs)
    except typer.Exit as exc:
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        return 1
    return 0
