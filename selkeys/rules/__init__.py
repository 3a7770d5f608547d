"""Rule packs: loading, validation, indexing and matching."""
