"""``python -m selkeys`` runs the command-line interface."""

from selkeys.cli.app import main

main()
