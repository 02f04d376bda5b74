"""A Report (report_content.py) as PDF: the same layout as the Word file written as HTML and printed on A4 by
the headless Chromium the app already uses (Times New Roman, or Liberation Serif, its metric twin)."""

from __future__ import annotations

import base64
import html

from dashboard.exports.headless_chromium import launch
from dashboard.exports.report_content import Block, Report
from dashboard.exports.report_docx import ILLUSTRATIVE, MOTTO, MOTTO_2

CSS = """
@page { size: A4; margin: 20mm 20mm 20mm 30mm; }
body { font-family: 'Times New Roman', 'Liberation Serif', serif; font-size: 13pt; line-height: 1.35; color: #000; }
.head { width: 100%; border-collapse: collapse; } .head td { vertical-align: top; text-align: center; padding: 0; }
.head .left { width: 40%; font-size: 12pt; } .head .right { font-size: 12pt; }
.motto2 { font-size: 13pt; font-weight: bold; text-decoration: underline; } .date { font-style: italic; margin-top: 6pt; }
.title { text-align: center; font-weight: bold; margin-top: 14pt; } .to { text-align: center; }
h2 { font-size: 13pt; margin: 10pt 0 4pt; } p { margin: 0 0 4pt; text-indent: 1cm; text-align: justify; }
p.note { text-indent: 0; font-style: italic; font-size: 11pt; }
table.data { width: 100%; border-collapse: collapse; margin: 4pt 0 8pt; font-size: 11pt; page-break-inside: auto; }
table.data th, table.data td { border: 1px solid #000; padding: 2pt 4pt; text-align: left; vertical-align: top; }
table.data th { font-weight: bold; background: #f0f0f0; } tr { page-break-inside: avoid; }
figure { text-align: center; margin: 6pt 0; page-break-inside: avoid; } figure img { width: 16cm; }
figcaption { font-style: italic; font-size: 11pt; }
.closing { width: 100%; margin-top: 14pt; } .closing td { vertical-align: top; width: 50%; }
.closing .left { font-size: 11pt; } .closing .right { text-align: center; font-weight: bold; }
"""


def _e(text: str) -> str:
    return html.escape(str(text))


def _block(b: Block) -> str:
    if b.kind == "heading":
        return f"<h2>{_e(b.text)}</h2>"
    if b.kind == "paragraph":
        return f"<p>{_e(b.text)}</p>"
    if b.kind == "bullet":
        return f"<p>- {_e(b.text)}</p>"
    if b.kind == "note":
        return f'<p class="note">{_e(b.text)}</p>'
    if b.kind == "table" and b.frame is not None:
        head = "".join(f"<th>{_e(c)}</th>" for c in b.frame.columns)
        rows = "".join(
            "<tr>" + "".join(f"<td>{_e('' if v is None else v)}</td>" for v in row) + "</tr>"
            for row in b.frame.itertuples(index=False)
        )
        return f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    if b.kind == "chart" and b.png:
        data = base64.b64encode(b.png).decode()
        return f'<figure><img src="data:image/png;base64,{data}"><figcaption>{_e(b.text)}</figcaption></figure>'
    return ""


def to_html(r: Report) -> str:
    left = (
        (f"{_e(r.issuer_parent)}<br>" if r.issuer_parent else "")
        + "<b>"
        + "<br>".join(map(_e, r.issuer.split("\n")))
        + f"</b><br><br>{_e(r.number)}"
    )
    right = f"<b>{MOTTO}</b><br><span class='motto2'>{MOTTO_2}</span><div class='date'>{_e(r.place_date)}</div>"
    recipients = "".join(f"- {_e(n)};<br>" for n in r.recipients) + "- Lưu: VT."
    signer = "<br>".join(map(_e, r.signer_role.split("\n")))
    body = "".join(_block(b) for b in r.blocks)
    note = f'<p class="note">{ILLUSTRATIVE}</p>' if r.illustrative else ""
    return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>{CSS}</style></head><body>
<table class="head"><tr><td class="left">{left}</td><td class="right">{right}</td></tr></table>
<div class="title">{_e(r.title)}<br>{_e(r.subtitle)}</div>
<div class="to">Kính gửi: {_e('; '.join(r.recipients))}.</div>{note}
{body}
<table class="closing"><tr><td class="left"><b><i>Nơi nhận:</i></b><br>{recipients}</td>
<td class="right">{signer}<br><i style="font-weight:normal">(Ký, ghi rõ họ tên, đóng dấu)</i></td></tr></table>
</body></html>"""


def to_pdf(r: Report) -> bytes:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            page.set_content(to_html(r), wait_until="load")
            return page.pdf(
                format="A4",
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template='<div style="font-size:9pt;width:100%;text-align:center">'
                '<span class="pageNumber"></span>/<span class="totalPages"></span></div>',
                margin={"top": "20mm", "bottom": "20mm", "left": "30mm", "right": "20mm"},
            )
        finally:
            browser.close()
