"""Blank templates to fill in: the columns an import reads, named in the reader's language."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from .columns import template_headers


def blank_template(kind: str, file_format: str, language: str) -> bytes:
    """A CSV (UTF-8 with a byte-order mark, so Excel keeps ŵ and ŷ) or .xlsx with one row of
    column names. Either language's names are accepted back, whichever the template used."""
    headers = template_headers(kind, language)
    if file_format == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerow(headers)
        return ("\ufeff" + buffer.getvalue()).encode()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = kind
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
