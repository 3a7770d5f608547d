"""Output formats: they serialise findings and scores, never recompute them."""
