"""CSV cells a spreadsheet would run as formulas, written so it shows them as text.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is a formula to Excel, LibreOffice and Google Sheets (``=HYPERLINK(...)``,
``-2+3+cmd|' /C calc'!A0``). Every CSV the hub writes puts a ``'`` before such
a cell, as OWASP advises; a plain number (``-5``, ``+1.5e3``) is left alone,
since a spreadsheet reads it as the number it is. ``/country.csv`` uses
``FORMULA_STARTS`` (countries/export.py); DataStore dumps go through
``safe_csv`` (datastore/views.py).
"""
from __future__ import annotations

import codecs
import csv
import io
import re
from typing import Iterable, Iterator

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_BOM = "\ufeff"
_FLUSH = 64 * 1024


def safe_text(cell: str) -> str:
    """The cell, with a leading ``'`` if a spreadsheet would run it."""
    if cell.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _lines(texts: Iterable[str]) -> Iterator[str]:
    """Text in chunks as lines, each with its newline (as ``csv.reader`` wants them)."""
    pending = ""
    for text in texts:
        pending += text
        *complete, pending = pending.split("\n")
        for line in complete:
            yield line + "\n"
    if pending:
        yield pending


def safe_csv(chunks: Iterable[bytes], delimiter: str = ",") -> Iterator[bytes]:
    """A UTF-8 CSV (or TSV) stream again, every formula cell made text; streamed."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    for number, row in enumerate(csv.reader(_lines(codecs.iterdecode(chunks, "utf-8")),
                                            delimiter=delimiter)):
        if number == 0 and row and row[0].startswith(_BOM):
            out.write(_BOM)
            row[0] = row[0][1:]
        writer.writerow([safe_text(cell) for cell in row])
        if out.tell() > _FLUSH:
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode("utf-8")
