"""The on-disk cache of parsed rule packs: used when current, and never able to change the rules.

Whatever is wrong with the cache file (stale, truncated, edited, forged with a matching
checksum but data that does not build), load_rules gives exactly the rules the YAML gives.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from selkeys.rules import pack_cache, schema
from selkeys.rules.pack_cache import FILE_NAME
from selkeys.rules.schema import load_rules


@pytest.fixture(scope="module")
def from_yaml(tmp_path_factory) -> list:
    """The rules as parsed from YAML (written to a cache folder of their own)."""
    return load_rules(cache_dir=tmp_path_factory.mktemp("first"))


def _no_yaml(monkeypatch) -> None:
    def refuse(text: str, path) -> None:
        raise AssertionError(f"{path} was parsed as YAML")

    monkeypatch.setattr(schema, "parse_pack", refuse)


def _forge(path: Path, payload: bytes, key: str | None = None) -> None:
    """A cache file whose checksum matches its (edited) payload."""
    header = json.loads(path.read_bytes().partition(b"\n")[0])
    header["sha256"] = hashlib.sha256(payload).hexdigest()
    if key is not None:
        header["key"] = key
    path.write_bytes(json.dumps(header).encode() + b"\n" + payload)


def test_a_current_cache_is_read_instead_of_the_yaml(tmp_path, from_yaml, monkeypatch):
    load_rules(cache_dir=tmp_path)
    assert (tmp_path / FILE_NAME).is_file()
    _no_yaml(monkeypatch)
    assert load_rules(cache_dir=tmp_path) == from_yaml


@pytest.mark.parametrize("damage", ["truncated", "empty", "garbage", "edited", "stale", "not_a_list", "wrong_count"])
def test_a_damaged_or_stale_cache_falls_back_to_the_yaml(tmp_path, from_yaml, damage, monkeypatch):
    load_rules(cache_dir=tmp_path)
    path = tmp_path / FILE_NAME
    data = path.read_bytes()
    header, _, payload = data.partition(b"\n")
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "garbage":
        path.write_bytes(os.urandom(4096))
    elif damage == "edited":  # a rule's threshold changed without the checksum
        path.write_bytes(header + b"\n" + payload.replace(b'"plain":', b'"plain":1', 1))
    elif damage == "stale":  # a cache made from other pack texts
        _forge(path, payload, key="0" * 64)
    elif damage == "not_a_list":
        _forge(path, b'{"a": 1}')
    elif damage == "wrong_count":
        _forge(path, json.dumps(json.loads(payload)[:-1]).encode())
    assert load_rules(cache_dir=tmp_path) == from_yaml
    _replaced_by_a_good_one(tmp_path, from_yaml, monkeypatch)


def _replaced_by_a_good_one(folder: Path, rules: list, monkeypatch) -> None:
    _no_yaml(monkeypatch)
    assert load_rules(cache_dir=folder) == rules


@pytest.mark.parametrize("forged", [
    b"[1, 2]",  # packs that are not lists of rules
    b"[" + b",".join([b'[{"code": 5}]'] * 18) + b"]",  # rules that do not validate
    b"[" + b",".join([b'[{"fix": 5, "kind": "lemma"}]'] * 18) + b"]",  # shapes YAML validation never meets
    b"[" + b"[" * 100_000 + b"]" * 100_000 + b"]",  # nesting too deep to parse
])
def test_a_forged_cache_that_does_not_build_falls_back_to_the_yaml(tmp_path, from_yaml, forged, monkeypatch):
    load_rules(cache_dir=tmp_path)
    _forge(tmp_path / FILE_NAME, forged)
    assert load_rules(cache_dir=tmp_path) == from_yaml
    _replaced_by_a_good_one(tmp_path, from_yaml, monkeypatch)


def test_an_unwritable_cache_folder_costs_only_the_parse(tmp_path, from_yaml):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert load_rules(cache_dir=blocker / "cache") == from_yaml


def test_data_json_would_change_is_not_cached(tmp_path):
    data = [[{"by_lemma": {1: "yksi"}, "__line__": 1}]]  # YAML gives an int key, JSON a string
    pack_cache.write(tmp_path / FILE_NAME, "k", data)
    assert not (tmp_path / FILE_NAME).exists()
    pack_cache.write(tmp_path / FILE_NAME, "k", [[{"x": True, "y": 1, "z": 1.0}]])
    assert pack_cache.read(tmp_path / FILE_NAME, "k", 1) == [[{"x": True, "y": 1, "z": 1.0}]]


def test_an_extra_pack_changes_the_key(tmp_path, from_yaml):
    pack = Path(__file__).resolve().parent.parent / "rules" / "fi" / "negation.yaml"
    extra = tmp_path / "extra" / "fi"
    extra.mkdir(parents=True)
    (extra / "own.yaml").write_text(pack.read_text(encoding="utf-8").replace("FI-", "FI-X"), encoding="utf-8")
    load_rules(cache_dir=tmp_path / "cache")
    with_extra = load_rules(extra_dirs=(tmp_path / "extra",), cache_dir=tmp_path / "cache")
    assert len(with_extra) > len(from_yaml)
    assert load_rules(cache_dir=tmp_path / "cache") == from_yaml
