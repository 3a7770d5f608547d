"""Command-line interface (typer), importable as ``selkeys.cli``."""
