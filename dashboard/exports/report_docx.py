"""A Report (report_content.py) as an editable Word document in the layout of a Vietnamese administrative
report: Times New Roman 13 pt, A4, issuing body and number left and national motto right in a borderless
header table, centred bold title, numbered sections, "Nơi nhận" and signature block side by side."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from dashboard.exports.report_content import Block, Report

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"
ILLUSTRATIVE = (
    "Số liệu trong báo cáo này là dữ liệu minh họa (giả lập để trình diễn); đơn vị hành chính và mã số là thật."
)


def _font(doc: Document) -> None:
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    style.paragraph_format.space_after = Pt(4)
    for section in doc.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(2)


def _line(cell, text: str, bold=False, italic=False, size=13, underline=False, align=WD_ALIGN_PARAGRAPH.CENTER):
    p = cell.add_paragraph() if cell.paragraphs[0].text or len(cell.paragraphs) > 1 else cell.paragraphs[0]
    p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    run = p.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    return p


def _header(doc: Document, r: Report) -> None:
    t = doc.add_table(rows=1, cols=2)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = t.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    if r.issuer_parent:
        _line(left, r.issuer_parent, size=12)
    for part in r.issuer.split("\n"):
        _line(left, part, bold=True, size=12)
    _line(left, "")
    _line(left, r.number, size=13)
    _line(right, MOTTO, bold=True, size=12)
    _line(right, MOTTO_2, bold=True, size=13, underline=True)
    _line(right, "")
    _line(right, r.place_date, italic=True)


def _table(doc: Document, frame) -> None:
    t = doc.add_table(rows=1, cols=len(frame.columns))
    t.style = "Table Grid"
    for cell, name in zip(t.rows[0].cells, frame.columns):
        cell.text = ""
        run = cell.paragraphs[0].add_run(str(name))
        run.bold = True
        run.font.size = Pt(11)
    for row in frame.itertuples(index=False):
        cells = t.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = ""
            run = cell.paragraphs[0].add_run("" if value is None else str(value))
            run.font.size = Pt(11)
    doc.add_paragraph()


def _block(doc: Document, b: Block) -> None:
    if b.kind == "heading":
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(8)
        p.add_run(b.text).bold = True
    elif b.kind == "paragraph":
        p = doc.add_paragraph(b.text)
        p.paragraph_format.first_line_indent = Cm(1)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    elif b.kind == "bullet":
        p = doc.add_paragraph("- " + b.text)
        p.paragraph_format.first_line_indent = Cm(1)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    elif b.kind == "note":
        doc.add_paragraph().add_run(b.text).italic = True
    elif b.kind == "table" and b.frame is not None:
        _table(doc, b.frame)
    elif b.kind == "chart" and b.png:
        doc.add_picture(io.BytesIO(b.png), width=Cm(16))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cap = doc.add_paragraph()
        cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = cap.add_run(b.text)
        run.italic = True
        run.font.size = Pt(11)


def _closing(doc: Document, r: Report) -> None:
    t = doc.add_table(rows=1, cols=2)
    left, right = t.rows[0].cells
    _line(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    for name in r.recipients:
        _line(left, f"- {name};", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(left, "- Lưu: VT.", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    for part in r.signer_role.split("\n"):
        _line(right, part, bold=True)
    _line(right, "(Ký, ghi rõ họ tên, đóng dấu)", italic=True, size=12)


def to_docx(r: Report) -> bytes:
    doc = Document()
    _font(doc)
    _header(doc, r)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(12)
    title.add_run(r.title).bold = True
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(r.subtitle).bold = True
    to = doc.add_paragraph()
    to.alignment = WD_ALIGN_PARAGRAPH.CENTER
    to.add_run("Kính gửi: " + "; ".join(r.recipients) + ".")
    if r.illustrative:
        note = doc.add_paragraph()
        run = note.add_run(ILLUSTRATIVE)
        run.italic, run.font.size = True, Pt(11)
    for b in r.blocks:
        _block(doc, b)
    _closing(doc, r)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
