"""The report as a document: PDF (fpdf2, the charts embedded), HTML (charts inline) and CSV."""

from __future__ import annotations

import base64
import csv
import html
import io
from pathlib import Path
from typing import TYPE_CHECKING

from bot.reports import tables
from bot.reports.charts import Chart, charts_for
from bot.reports.figures import Report

if TYPE_CHECKING:
    from fpdf import FPDF

FORMATS = ("pdf", "html", "csv")


def render(report: Report, fmt: str, charts: list[Chart] | None = None) -> bytes:
    """The report in `fmt` ("pdf", "html" or "csv")."""
    if fmt == "csv":
        return report_csv(report)
    charts = charts if charts is not None else charts_for(report)
    if fmt == "pdf":
        return report_pdf(report, charts)
    if fmt == "html":
        return report_html(report, charts)
    raise ValueError(f"unknown format {fmt!r}")


def report_csv(report: Report) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([tables.title(report)])
    for line in tables.period_lines(report):
        writer.writerow([line])
    if not report.has_activity:
        writer.writerow([tables.NO_ACTIVITY])
    writer.writerow([])
    writer.writerow(["Nyckeltal", *tables.month_labels(report)])
    for label, values in tables.summary_rows(report):
        writer.writerow([label, *values])
    writer.writerow([])
    writer.writerow(tables.ESCALATION_HEADER)
    writer.writerows(tables.escalation_rows(report))
    writer.writerow([])
    writer.writerow(tables.ACCOUNT_HEADER)
    writer.writerows(tables.account_rows(report))
    return buffer.getvalue().encode("utf-8")


def report_html(report: Report, charts: list[Chart]) -> bytes:
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="sv"><head><meta charset="utf-8">',
        f"<title>{e(tables.title(report))}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #555;padding:.2em .5em}"
        "td:not(:first-child){text-align:right}</style></head><body>",
        f"<h1>{e(tables.title(report))}</h1>",
        *[f"<p>{e(line)}</p>" for line in tables.period_lines(report)],
    ]
    if not report.has_activity:
        parts.append(f"<p><strong>{e(tables.NO_ACTIVITY)}</strong></p>")
    parts.append("<h2>Nyckeltal</h2>")
    parts.append(_html_table(["Nyckeltal", *tables.month_labels(report)], _flat(report)))
    parts.append(f"<p><small>{e(tables.HOOK_NOTE)}</small></p>")
    for chart in charts:
        data = base64.b64encode(chart.png).decode("ascii")
        parts.append(f'<figure><img src="data:image/png;base64,{data}" alt="{e(chart.title)}">')
        parts.append(f"<figcaption>{e(chart.title)}</figcaption></figure>")
    parts.append("<h2>Eskaleringar</h2>")
    parts.append(_html_table(tables.ESCALATION_HEADER, tables.escalation_rows(report)))
    parts.append("<h2>Per konto</h2>")
    parts.append(_html_table(tables.ACCOUNT_HEADER, tables.account_rows(report)))
    parts.append("</body></html>")
    return "\n".join(parts).encode("utf-8")


def report_pdf(report: Report, charts: list[Chart]) -> bytes:
    # On first use: fpdf2 and matplotlib are ~100 MB that `smbot serve` need not hold
    # until someone asks for a report.
    import matplotlib
    from fpdf import FPDF

    # matplotlib ships DejaVu Sans: a Unicode font (å, ä, ö, –) without a system font install.
    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdf = FPDF(orientation="portrait", format="A4")
    pdf.set_title(tables.title(report))
    pdf.set_lang("sv")
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 9, tables.title(report), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    for line in tables.period_lines(report):
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    if not report.has_activity:
        pdf.ln(2)
        pdf.set_font("DejaVu", "B", 11)
        pdf.cell(0, 7, tables.NO_ACTIVITY, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _pdf_table(pdf, ["Nyckeltal", *tables.month_labels(report)], _flat(report), first=70)
    pdf.set_font("DejaVu", "", 8)
    pdf.multi_cell(0, 5, tables.HOOK_NOTE, new_x="LMARGIN", new_y="NEXT")
    for chart in charts:
        pdf.add_page()
        pdf.image(io.BytesIO(chart.png), w=pdf.epw, alt_text=chart.title)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 8, "Eskaleringar", new_x="LMARGIN", new_y="NEXT")
    _pdf_table(pdf, tables.ESCALATION_HEADER, tables.escalation_rows(report), first=70)
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 8, "Per konto", new_x="LMARGIN", new_y="NEXT")
    _pdf_table(pdf, tables.ACCOUNT_HEADER, tables.account_rows(report), first=30, size=6)
    return bytes(pdf.output())


def _flat(report: Report) -> list[list[str]]:
    return [[label, *values] for label, values in tables.summary_rows(report)]


def _pdf_table(
    pdf: FPDF, header: list[str], rows: list[list[str]], *, first: float, size: float = 8
) -> None:
    pdf.set_font("DejaVu", "", size)
    rest = (pdf.epw - first) / max(len(header) - 1, 1)
    widths = (first, *([rest] * (len(header) - 1)))
    with pdf.table(col_widths=widths, text_align="LEFT", first_row_as_headings=True) as table:
        for values in [header, *rows]:
            line = table.row()
            for value in values:
                line.cell(value)


def _html_table(header: list[str], rows: list[list[str]]) -> str:
    e = html.escape
    head = "".join(f"<th>{e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{e(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
