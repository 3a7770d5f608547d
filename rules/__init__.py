"""Rule packs shipped as package data: one folder per language."""
