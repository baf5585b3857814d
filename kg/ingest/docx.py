"""Word reader (.docx): paragraphs and table cells in document order.

Each paragraph becomes one line; a table is read row by row, each cell's
paragraphs on lines of their own (a cell merged over several columns once).
Headers, footers, comments and text boxes are not read.
"""
from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator

import docx
from docx.document import Document as WordDocument
from docx.table import Table, _Cell

from kg.errors import InputError

__all__ = ["read", "iter_lines"]

_OLE2 = b"\xd0\xcf\x11\xe0"


def iter_lines(container: WordDocument | _Cell) -> Iterator[str]:
    """Yield the text of the paragraphs of a document body or table cell, in
    order, descending into tables (and tables inside cells).

    Parameters
    ----------
    container : a ``docx.document.Document`` or ``docx.table._Cell``.

    Returns
    -------
    An iterator of paragraph texts (possibly empty strings).
    """
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen = set()
                for cell in row.cells:
                    if cell._tc in seen:              # a merged cell repeats
                        continue
                    seen.add(cell._tc)
                    yield from iter_lines(cell)
        else:
            yield block.text


def read(data: bytes, path: str | os.PathLike) -> tuple[str, str]:
    """Read a Word document.

    Parameters
    ----------
    data : the file's bytes.
    path : the file, for error messages.

    Returns
    -------
    ``(text, "docx")``: one paragraph per line.

    Raises
    ------
    InputError : the file is not a .docx (an old .doc, not a zip archive, or a
        zip without a Word document in it).
    """
    if data.startswith(_OLE2):
        raise InputError(path, "is an old Word .doc file, not .docx; open it in Word and save it as .docx")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(path, "not a valid .docx file (not a zip archive); "
                               "open it in Word and save it again as .docx")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:    # python-docx raises KeyError, ValueError, its own errors …
        raise InputError(path, f"not a valid .docx file ({type(exc).__name__}: "
                               f"{' '.join(str(exc).split()) or 'no Word document inside'}); "
                               "open it in Word and save it again as .docx") from exc
    lines = [" ".join(line.splitlines()) for line in iter_lines(document)]
    return "\n".join(lines), "docx"
