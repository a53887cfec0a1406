"""A summary as a file: CSV the way Danish Excel opens it (UTF-8 with BOM, `;` between
fields, a decimal comma) and an XLSX workbook (openpyxl). Same rows, same order as the
JSON; column heads in the report's language."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from .labels import column, text
from .query import Summary
from .rows import FIELDS, StatsRow

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"
#: languages whose Excel writes decimals with a comma
DECIMAL_COMMA = frozenset({"da", "de", "pl", "tr", "uk", "so"})


def _lines(summary: Summary) -> Iterator[StatsRow]:
    yield from summary.rows
    yield summary.total


def _cell(value: object, comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        shown = f"{value:.4f}".rstrip("0").rstrip(".")
        return shown.replace(".", ",") if comma else shown
    return str(value)


def to_csv(summary: Summary, language: str = "da") -> bytes:
    comma = language in DECIMAL_COMMA
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([column(name, language) for name in FIELDS])
    for row in _lines(summary):
        writer.writerow([_cell(getattr(row, name), comma) for name in FIELDS])
    return (BOM + out.getvalue()).encode("utf-8")


def to_xlsx(summary: Summary, language: str = "da") -> bytes:
    from openpyxl import Workbook  # only when asked for: it is not a light import

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = text("sheet", language)
    sheet.append([column(name, language) for name in FIELDS])
    for row in _lines(summary):
        sheet.append([getattr(row, name) for name in FIELDS])
    sheet.freeze_panes = "C2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def filename(summary: Summary, extension: str) -> str:
    branches = "-".join(summary.branches) if len(summary.branches) <= 3 else "alle"
    return f"dintur-{branches}-{summary.by}-{summary.start}-{summary.end}.{extension}"
