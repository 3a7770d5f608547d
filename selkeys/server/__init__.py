"""The web app of `selkeys serve`: the feedback service (residents rate how clear a page was,
and the city sees those ratings next to selkeys' computed score, issue 7) and the playground.

Layout: ``settings`` (one place for every tunable), ``db`` (tables, engine, WAL checkpoints,
migrations), ``scrub`` (personal data out of comments), ``clients`` (who a request comes from),
``ratelimit`` (in-memory, hashed client keys), ``ratings`` (validation and storage of one
rating), ``versions`` (published text versions and their cached scores), ``stats`` (means,
intervals, correlation), ``dashboard`` (admin HTML and CSV), ``forms`` (the no-JavaScript
form), ``landing`` (the page at / and the widget demo), ``playground`` with ``pool`` and
``playground_jobs`` (its engine work in worker processes), ``app`` (the Starlette application).
"""
