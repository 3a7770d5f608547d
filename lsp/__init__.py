"""Language server (pygls), importable as ``selkeys.lsp``; started with ``selkeys lsp``."""
