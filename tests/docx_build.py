"""Word packages built from XML in tests: every element kind, tracked changes and hostile
files can be written exactly, which python-docx's API cannot do."""

from __future__ import annotations

import io
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
MAIN_TYPE = f"{WML}.document.main+xml"
MACRO_MAIN_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
# part kind -> (file name, relationship type, content type, root element)
PARTS = {
    "styles": ("styles.xml", "styles", f"{WML}.styles+xml", "styles"),
    "header": ("header1.xml", "header", f"{WML}.header+xml", "hdr"),
    "footer": ("footer1.xml", "footer", f"{WML}.footer+xml", "ftr"),
    "footnotes": ("footnotes.xml", "footnotes", f"{WML}.footnotes+xml", "footnotes"),
    "endnotes": ("endnotes.xml", "endnotes", f"{WML}.endnotes+xml", "endnotes"),
    "comments": ("comments.xml", "comments", f"{WML}.comments+xml", "comments"),
}
HEADING_STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Otsikko1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Otsikko2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Luettelo"><w:name w:val="List Paragraph"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
)


def p(text: str, props: str = "", run_props: str = "") -> str:
    """A paragraph with one run."""
    rpr = f"<w:rPr>{run_props}</w:rPr>" if run_props else ""
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def r(text: str, run_props: str = "") -> str:
    rpr = f"<w:rPr>{run_props}</w:rPr>" if run_props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def build_docx(body: str, parts: dict[str, str] | None = None, lang: str | None = "fi-FI",
               styles: str = HEADING_STYLES, main_type: str = MAIN_TYPE, extra_files: dict[str, bytes] | None = None,
               document_xml: bytes | None = None) -> bytes:
    """A .docx with ``body`` (XML inside w:body) and optional parts by kind (their inner XML).

    ``lang`` is the document's default language (docDefaults), as Word templates set it.
    """
    parts = dict(parts or {})
    defaults = f'<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="{lang}"/></w:rPr></w:rPrDefault></w:docDefaults>' if lang else ""
    parts.setdefault("styles", defaults + styles)
    overrides = [f'<Override PartName="/word/document.xml" ContentType="{main_type}"/>']
    rels = []
    files: dict[str, bytes] = {}
    for number, (kind, inner) in enumerate(parts.items(), start=1):
        name, rel, ctype, root = PARTS[kind]
        overrides.append(f'<Override PartName="/word/{name}" ContentType="{ctype}"/>')
        rels.append(f'<Relationship Id="rId{number}" Type="{REL}/{rel}" Target="{name}"/>')
        files[f"word/{name}"] = f'<?xml version="1.0" encoding="UTF-8"?><w:{root} {NAMESPACES}>{inner}</w:{root}>'.encode()
    files["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>"
    ).encode()
    files["_rels/.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>'
    ).encode()
    files["word/_rels/document.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels) + "</Relationships>"
    ).encode()
    files["word/document.xml"] = document_xml or (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {NAMESPACES}><w:body>{body}</w:body></w:document>'
    ).encode()
    files.update(extra_files or {})
    return zip_bytes(files)


def zip_bytes(files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()
