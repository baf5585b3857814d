"""PDF reader (.pdf): the text layer, page by page, with pypdf.

Pages are joined with a line break; lines a PDF broke mid-sentence are left
as they are (re-joining them is the cleaning stage's work).  A PDF without a
text layer (a scan) is refused with a hint to run OCR.
"""
from __future__ import annotations

import io
import os

import pypdf
from pypdf.errors import FileNotDecryptedError, PyPdfError

from kg.errors import InputError
from kg.ingest.text import garbage_share

__all__ = ["read"]


def read(data: bytes, path: str | os.PathLike) -> tuple[str, str]:
    """Read the text layer of a PDF.

    Parameters
    ----------
    data : the file's bytes.
    path : the file, for error messages.

    Returns
    -------
    ``(text, "pdf")``: the pages' text joined with "\\n".

    Raises
    ------
    InputError : the file is not a PDF, is corrupt or encrypted, or has no
        usable text layer.
    """
    if b"%PDF" not in data[:1024]:
        raise InputError(path, "not a PDF file (no %PDF header); give it the right extension")
    locked = InputError(path, "PDF is password-protected; remove the password first")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except PyPdfError as exc:     # e.g. AES needs a package pypdf lacks
                raise locked from exc
            if not opened:
                raise locked
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except FileNotDecryptedError as exc:
        raise locked from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError) as exc:
        raise InputError(path, f"corrupt PDF, cannot be read ({type(exc).__name__}); "
                               "open it and save or print it again as PDF") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise InputError(path, "PDF has no text layer (scanned?); run OCR first")
    if garbage_share(text, skip_space=True) > 0.3:
        raise InputError(path, "PDF text layer cannot be decoded (fonts without a Unicode map); "
                               "run OCR first")
    return text, "pdf"
