"""The pages that say what `selkeys serve` offers: the landing page at ``/`` (the address the
command prints) linking the playground, the widget demo and the dashboards, and the widget
demo at ``/demo``: the widget on a sample page, working but storing nothing, with the snippet
that puts it on a real page.

Both pages speak Finnish, Swedish or English (``?lang=``, else Accept-Language) from the
``landing.*`` and ``demo.*`` entries of the message catalogue. The demo's widget is the real
widget.js in demo mode (``data-demo``): it takes its sample paragraphs from
``GET /api/v1/demo`` and, when sent, thanks without calling the rating API.
"""

from __future__ import annotations

from html import escape

from selkeys.messages import text
from selkeys.server.texts import texts

CSP = ("default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
DEMO_PAGE_URL = "https://www.kaupunki.fi/fi/asumistuki"  # the README's example page


LANGUAGE_NAMES = {"fi": "landing.in_fi", "sv": "landing.in_sv", "en": "landing.in_en"}  # each in itself


def _shell(lang: str, title: str, body: str) -> str:
    current = ' aria-current="page"'
    languages = " · ".join(f'<a href="?lang={code}" lang="{code}"{current if code == lang else ""}>'
                           f"{escape(text(key, code))}</a>" for code, key in LANGUAGE_NAMES.items())
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{escape(title)}</title>\n<link rel="icon" href="data:,">\n'
            '<link rel="stylesheet" href="widget.css">\n</head>\n<body class="selkeys-page">\n'
            f'<header><nav class="selkeys-langs" aria-label="{escape(text("landing.languages", lang))}">{languages}'
            f'</nav></header>\n<main>\n{body}\n</main>\n</body>\n</html>\n')


def landing_page(lang: str) -> str:
    """Where everything is: the playground, the widget demo, a site's dashboard."""
    def t(key: str) -> str:
        return escape(text(key, lang))

    body = f"""<h1>{t("landing.title")}</h1>
<p>{t("landing.intro")}</p>
<ul class="selkeys-links">
<li><a href="playground?lang={lang}">{t("landing.playground")}</a>: {t("landing.playground_about")}</li>
<li><a href="demo?lang={lang}">{t("landing.demo")}</a>: {t("landing.demo_about")}</li>
<li>{t("landing.dashboard")}: {t("landing.dashboard_about")}
<form class="selkeys-open" method="get" action="admin">
<label for="site">{t("landing.site_id")}</label>
<input type="text" id="site" name="site" required pattern="[a-z0-9][a-z0-9-]{{0,63}}" autocomplete="off">
<input type="hidden" name="lang" value="{lang}">
<button type="submit">{t("landing.open")}</button>
</form></li>
</ul>
<p>{t("landing.setup")}</p>"""
    return _shell(lang, text("landing.title", lang), body)


def demo_page(lang: str, service: str) -> str:
    """A sample page with the widget in demo mode and the snippet for a real page (with this
    server's address)."""
    def t(key: str) -> str:
        return escape(text(key, lang))

    form = f"{service}form?site=kaupunki&amp;lang={lang}&amp;url={DEMO_PAGE_URL}"
    snippet = (f'<script src="{service}widget.js" data-site="kaupunki" data-lang="{lang}" defer></script>\n'
               f'<noscript><a href="{form}">{text("demo.noscript_link", lang)}</a></noscript>')
    body = f"""<h1>{t("demo.title")}</h1>
<p>{t("demo.intro")}</p>
<article class="selkeys-demo" lang="{lang}">
<h2>{t("demo.heading")}</h2>
<p>{t("demo.paragraph")}</p>
<script src="widget.js" data-site="demo" data-lang="{lang}" data-demo defer></script>
</article>
<h2>{t("demo.embed_heading")}</h2>
<p>{t("demo.embed")}</p>
<pre><code>{escape(snippet)}</code></pre>
<p><a href="./?lang={lang}">{t("demo.back")}</a></p>"""
    return _shell(lang, text("demo.title", lang), body)


def demo_data(lang: str) -> dict:
    """What the demo widget shows: the sample page's paragraphs and the widget's texts."""
    paragraphs = [{"index": 0, "kind": "heading", "text": text("demo.heading", lang)},
                  {"index": 1, "kind": "paragraph", "text": text("demo.paragraph", lang)}]
    return {"url": DEMO_PAGE_URL, "lang": lang, "version": "demo", "paragraphs": paragraphs, "token": "",
            "texts": texts(lang)}
