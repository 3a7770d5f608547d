"""The feedback form as a plain HTML page that works without JavaScript.

A site links to it from ``<noscript>`` (see the README); the form posts back to the service,
which answers with a thank-you page or the same form with a message. Every value that came
from outside (page URL, paragraph texts, the resident's comment) goes through ``escape``.
"""

from __future__ import annotations

from html import escape

from selkeys.server.texts import FACES, texts

CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"


def shell(lang: str, title: str, body: str) -> str:
    """A complete page with the widget's stylesheet (the form looks like the widget)."""
    return (f'<!doctype html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{escape(title)}</title>\n<link rel="icon" href="data:,">\n<link rel="stylesheet" href="widget.css">\n</head>\n'
            f'<body class="selkeys-page">\n<main>\n{body}\n</main>\n</body>\n</html>\n')


def form_page(lang: str, site: str, url: str, token: str, paragraphs: list[dict], *, message: str = "",
              alert: bool = False, values: dict[str, str] | None = None, confirmed: bool = False) -> str:
    """The form; ``values`` refills what the resident gave when the form comes back with a message.
    ``confirmed``: the resident has seen the scrubbed comment, so the next post stores it."""
    t = texts(lang)
    values = values or {}
    chosen = values.get("rating", "")
    radios = "\n".join(
        f'<div class="selkeys-choice"><input type="radio" name="rating" id="r{n}" value="{n}" required'
        f'{" checked" if chosen == str(n) else ""}><label for="r{n}"><span aria-hidden="true">{FACES[n - 1]}</span> '
        f'{escape(t[f"rating_{n}"])}</label></div>' for n in range(1, 5))
    picked = values.get("paragraph", "")
    options = [f'<option value="">{escape(t["paragraph_none"])}</option>']
    for p in paragraphs:
        label = p["text"] if len(p["text"]) <= 90 else p["text"][:89] + "…"
        if p.get("kind") == "heading":
            label = f'{t["heading"]}: {label}'
        selected = " selected" if picked == str(p["index"]) else ""
        options.append(f'<option value="{int(p["index"])}"{selected}>{escape(label)}</option>')
    note = ""
    if message:
        role = "alert" if alert else "status"
        note = f'<p class="selkeys-message" role="{role}">{escape(message)}</p>\n'
    body = f"""<h1>{escape(t["form_title"])}</h1>
<p><a href="{escape(url)}">{escape(url)}</a></p>
{note}<form class="selkeys-widget" method="post" action="form" accept-charset="utf-8">
<input type="hidden" name="site" value="{escape(site)}">
<input type="hidden" name="url" value="{escape(url)}">
<input type="hidden" name="lang" value="{escape(lang)}">
<input type="hidden" name="token" value="{escape(token)}">
<input type="hidden" name="idempotency_key" value="{escape(values.get("idempotency_key", ""))}">
{'<input type="hidden" name="confirmed" value="1">' if confirmed else ""}
<fieldset><legend>{escape(t["title"])}</legend>
{radios}
</fieldset>
<label for="selkeys-paragraph">{escape(t["paragraph"])}</label>
<select id="selkeys-paragraph" name="paragraph">{"".join(options)}</select>
<label for="selkeys-comment">{escape(t["comment"])}</label>
<p id="selkeys-comment-hint" class="selkeys-hint">{escape(t["comment_hint"])}</p>
<textarea id="selkeys-comment" name="comment" maxlength="300" rows="4" aria-describedby="selkeys-comment-hint">{escape(values.get("comment", ""))}</textarea>
<div class="selkeys-hp" aria-hidden="true" hidden><label for="selkeys-website">{escape(t["honeypot"])}</label>
<input type="text" id="selkeys-website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">{escape(t["send"])}</button>
</form>"""
    return shell(lang, t["form_title"], body)


def message_page(lang: str, url: str | None, key: str) -> str:
    """Thank-you or error page after a form submission."""
    t = texts(lang)
    back = f'<p><a href="{escape(url)}">{escape(t["back"])}</a></p>' if url else ""
    role = "status" if key == "thanks" else "alert"
    body = f'<h1>{escape(t["form_title"])}</h1>\n<p class="selkeys-message" role="{role}">{escape(t[key])}</p>\n{back}'
    return shell(lang, t["form_title"], body)
