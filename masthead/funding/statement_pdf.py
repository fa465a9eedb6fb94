"""The donor's yearly statement as a PDF (fpdf2), in the donor's language, Arabic included.

fpdf2's own fonts know Latin-1 only, so the statement embeds a TrueType font with Latin and
Arabic letters (settings.FUNDING_STATEMENT_FONT, Debian's DejaVu Sans by default) and shapes its
text with HarfBuzz (uharfbuzz), which joins Arabic letters and lays right-to-left runs out in
order: a donor named "سامي نصر" reads their name as written.
"""

from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from .selectors import Statement

FONT = "statement"


class StatementFontMissing(Exception):
    """The configured font file is not there: the printable page still works."""


def _pdf(rtl: bool) -> FPDF:
    font = Path(settings.FUNDING_STATEMENT_FONT)
    if not font.is_file():
        raise StatementFontMissing(str(font))
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.add_font(FONT, fname=str(font))
    pdf.set_text_shaping(use_shaping_engine=True, direction="rtl" if rtl else "ltr")
    return pdf


def _line(pdf: FPDF, text: str, *, size: int = 10, align: str = "L", gap: float = 6) -> None:
    pdf.set_font(FONT, size=size)
    pdf.multi_cell(0, gap, text, align=align, new_x="LMARGIN", new_y="NEXT")


def statement_pdf(*, statement: Statement) -> bytes:
    rtl = translation.get_language_bidi()
    start, end = ("R", "L") if rtl else ("L", "R")
    pdf = _pdf(rtl)
    pdf.set_title(_("Statement of gifts %(year)s") % {"year": statement.year})
    _line(pdf, statement.organisation_name, size=14, align=start, gap=8)
    for line in statement.organisation_address:
        _line(pdf, line, align=start)
    pdf.ln(6)
    _line(pdf, _("Statement of gifts %(year)s") % {"year": statement.year}, size=16, align=start, gap=9)
    _line(pdf, _("Donor: %(name)s") % {"name": statement.donor_name or statement.donor_email}, align=start)
    if statement.donor_name:
        _line(pdf, statement.donor_email, align=start)
    _line(pdf, _("Issued on %(date)s") % {"date": statement.issued_label}, align=start)
    pdf.ln(4)
    widths = (45, 40, 85)
    headings = (_("Date"), _("Amount"), _("Campaign"))
    plain = FontFace(emphasis="", fill_color=(230, 230, 230))  # one font file: no bold face
    with pdf.table(col_widths=widths, text_align=start, headings_style=plain) as table:
        for row in [headings, *_rows(statement)]:
            cells = table.row()
            for text in row:
                cells.cell(text)
    pdf.ln(4)
    for total in statement.totals:
        _line(
            pdf,
            _("Total given in %(year)s: %(amount)s") % {"year": statement.year, "amount": total.label},
            size=12,
            align=end,
        )
    return bytes(pdf.output())


def _rows(statement: Statement) -> list[tuple[str, str, str]]:
    return [(row.date_label, row.amount_label, row.campaign_name) for row in statement.rows]
