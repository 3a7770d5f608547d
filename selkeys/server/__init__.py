"""The feedback service behind `selkeys serve`: residents rate how clear a page was, and the
city sees those ratings next to selkeys' computed score (issue 7).

Layout: ``settings`` (one place for every tunable), ``db`` (tables, engine, migrations),
``scrub`` (personal data out of comments), ``ratelimit`` (in-memory, hashed client keys),
``ratings`` (validation and storage of one rating), ``versions`` (published text versions and
their cached scores), ``stats`` (means, intervals, correlation), ``dashboard`` (admin HTML and
CSV), ``forms`` (the no-JavaScript form), ``app`` (the Starlette application).
"""
