"""selkeys: plain-language linter and readability scorer for Finnish and Swedish public-sector text."""

__version__ = "0.1.0"
