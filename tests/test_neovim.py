"""The language server in a real editor: headless Neovim's built-in LSP client.

Neovim starts ``selkeys lsp`` over stdio, waits for the diagnostics, asks for the code
actions on "esim." and applies the quick fix, all through tests/nvim/selkeys_lsp.lua.
``make test`` installs Debian's neovim (0.7.2 on Debian 12); without ``nvim`` the test is
skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NVIM = shutil.which("nvim")
SCRIPT = Path(__file__).parent / "nvim" / "selkeys_lsp.lua"
TEXT = "# Otsikko\n\nAsiakas suorittaa maksun eräpäivään mennessä.\n\nLisätietoja antaa esim. kirjaamo.\n"

pytestmark = [pytest.mark.editor,
              pytest.mark.skipif(NVIM is None, reason="nvim is not on PATH (make test installs Debian's neovim)")]


def _selkeys() -> Path:
    """The selkeys console script of the interpreter running the tests (the venv's)."""
    for candidate in (Path(sys.executable).parent / "selkeys", Path(sys.executable).resolve().parent / "selkeys"):
        if candidate.exists():
            return candidate
    found = shutil.which("selkeys")
    if found is None:
        pytest.fail("no selkeys executable next to the Python running the tests")
    return Path(found)


def test_neovim_diagnostics_and_quick_fix(tmp_path):
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    document = workspace / "ohje.md"
    document.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "result.json"
    env = dict(os.environ, SELKEYS_CMD=str(_selkeys()), SELKEYS_ROOT=str(workspace), SELKEYS_OUT=str(out))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
        env[name] = str(tmp_path / "xdg" / name.lower())
    env.pop("VIMINIT", None)
    env["NVIM_LOG_FILE"] = str(tmp_path / "nvim.log")

    try:
        proc = subprocess.run([NVIM, "--headless", "--clean", "-n", "-u", str(SCRIPT), str(document)],
                              cwd=workspace, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=120)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"nvim did not finish within 120 s; stderr:\n{(exc.stderr or b'').decode(errors='replace')}")
    stderr = proc.stderr.decode(errors="replace") + proc.stdout.decode(errors="replace")
    assert out.exists(), f"nvim wrote no result (exit {proc.returncode}); output:\n{stderr}"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result.get("ok") and proc.returncode == 0, (
        f"nvim exit {proc.returncode}, error {result.get('error')!r}, steps {result.get('steps')}; output:\n{stderr}")

    found = {(d["code"], d["lnum"]) for d in result["diagnostics"]}
    assert ("FI-NOUN-001", 2) in found, f"{result['diagnostics']}\n{stderr}"
    assert ("FI-ABBR-001", 4) in found, f"{result['diagnostics']}\n{stderr}"
    assert all(d["source"] == "selkeys" for d in result["diagnostics"])
    text = "\n".join(result["lines"])
    assert "Lisätietoja antaa esimerkiksi kirjaamo." in text, f"applied {result.get('applied')!r}:\n{text}\n{stderr}"
    assert "esim." not in text
    assert text.startswith("# Otsikko\n\nAsiakas suorittaa maksun eräpäivään mennessä.")
    assert document.read_text(encoding="utf-8") == TEXT  # the edit is in the buffer; nothing was saved
