"""Fetching web pages for batch runs: URL safety, robots.txt, an HTTP cache on disk, a polite
client, sitemaps and a same-host crawler.

Only front-ends (the CLI's batch mode) and the batch runner use this package; the engine
itself never touches the network.
"""
