"""Read input files into :class:`~kg.model.Document` objects.

One reader module per format (``text``, ``html``, ``docx``, ``pdf``), registered
by dotted name in :data:`READERS` and imported only when a file of that kind
is read, so the .docx and .pdf dependencies stay optional.  A reader takes the
file's bytes and returns ``(text, encoding)``; this module checks the file,
hashes it, normalises the text and builds the Document.  Every failure is an
:class:`~kg.errors.InputError` naming the file and saying what to do.
"""
from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from kg.errors import InputError
from kg.model import Document
from kg.normalize import normalize_text

__all__ = ["READERS", "SUPPORTED_SUFFIXES", "read_document", "iter_input_files"]

#: suffix → "module:function"; the module's last name is the Document format.
READERS: dict[str, str] = {
    ".txt": "kg.ingest.text:read",
    ".text": "kg.ingest.text:read",
    ".md": "kg.ingest.text:read",
    ".html": "kg.ingest.html:read",
    ".htm": "kg.ingest.html:read",
    ".docx": "kg.ingest.docx:read",
    ".pdf": "kg.ingest.pdf:read",
}

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(READERS)

# What to do with a few common formats that are not read.
_HINTS = {
    ".doc": "save it as .docx",
    ".wps": "save it as .docx",
    ".rtf": "save it as .docx or .txt",
    ".odt": "save it as .docx",
    ".mhtml": "save the page as .html",
    ".mht": "save the page as .html",
}
# Import name → the package to install.
_PACKAGES = {"docx": "python-docx", "pypdf": "pypdf", "trafilatura": "trafilatura"}

#: A reader takes a file's bytes and its path (for messages), gives (text, encoding).
Reader = Callable[[bytes, "str | os.PathLike"], "tuple[str, str]"]


def _supported() -> str:
    return ", ".join(SUPPORTED_SUFFIXES)


def _load_reader(suffix: str, path: str | os.PathLike) -> tuple[Reader, str]:
    """Import the reader of ``suffix``; return it and the format name."""
    module_name, _, function = READERS[suffix].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        package = _PACKAGES.get(exc.name or "", exc.name)
        raise InputError(path, f"reading {suffix} files needs the Python package "
                               f"{package}; install it with: pip install {package}") from exc
    return getattr(module, function), module_name.rpartition(".")[2]


def read_document(path: str | os.PathLike) -> Document:
    """Read one file into a normalised Document.

    Parameters
    ----------
    path : a .txt/.text/.md, .html/.htm, .docx or .pdf file.

    Returns
    -------
    A :class:`~kg.model.Document`: ``doc_id`` is the first 16 hex digits of the
    file's sha256, ``format`` one of "text", "html", "docx", "pdf",
    ``encoding`` the detected text encoding (or "docx"/"pdf"), ``raw_text``
    the decoded or extracted text, ``text`` its normalised form and
    ``offsets`` the map from ``text`` back to ``raw_text``.

    Raises
    ------
    InputError : the file is missing, unreadable, empty, of an unsupported
        kind, not decodable, or holds no text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("东湖县科技局２０２３年工作总结", encoding="utf-8")
    >>> read_document(folder / "a.txt").text
    '东湖县科技局2023年工作总结'
    """
    file = Path(path)
    if not file.exists():
        raise InputError(path, "no such file")
    if file.is_dir():
        raise InputError(path, "is a folder, not a file")
    suffix = file.suffix.lower()
    if suffix not in READERS:
        kind = f"'{file.suffix}'" if file.suffix else "(no extension)"
        hint = f"; {_HINTS[suffix]}" if suffix in _HINTS else ""
        raise InputError(path, f"unsupported file type {kind}{hint}; supported: {_supported()}")
    try:
        data = file.read_bytes()
    except PermissionError as exc:
        raise InputError(path, "permission denied: cannot read the file; check its permissions") from exc
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    if not data:
        raise InputError(path, "file is empty")
    reader, kind = _load_reader(suffix, path)
    raw_text, encoding = reader(data, path)
    if not raw_text.strip():
        raise InputError(path, "no text found in the file (only white space)")
    text, offsets = normalize_text(raw_text)
    if not text.strip():
        raise InputError(path, "no text found in the file (only white space)")
    sha256 = hashlib.sha256(data).hexdigest()
    return Document(doc_id=sha256[:16], path=str(path), sha256=sha256, format=kind,
                    encoding=encoding, text=text, raw_text=raw_text, offsets=offsets)


def _hidden(name: str) -> bool:
    """Hidden files and folders, and the lock files office programs leave."""
    return name.startswith(".") or name.startswith("~$")


def iter_input_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Expand files and folders into the list of files to read.

    Parameters
    ----------
    paths : files and folders.  A named file is kept whatever its suffix (so
        reading it gives a clear error); a folder is walked recursively in
        sorted order, keeping files with a supported suffix and skipping
        hidden files and folders.

    Returns
    -------
    The files, in the order given (each folder's files sorted).

    Raises
    ------
    InputError : a path does not exist, a folder cannot be listed or holds no
        supported file.
    """
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(str(given), "no such file or folder")
        if not path.is_dir():
            files.append(path)
            continue
        found: list[Path] = []

        def refuse(exc: OSError, folder: str | os.PathLike = given) -> None:
            raise InputError(str(exc.filename or folder),
                             "permission denied: cannot list the folder; check its permissions"
                             if isinstance(exc, PermissionError)
                             else f"cannot list the folder ({exc.strerror or exc})")

        for root, dirs, names in os.walk(path, onerror=refuse):
            dirs[:] = sorted(d for d in dirs if not _hidden(d))
            found.extend(Path(root) / name for name in names
                         if not _hidden(name) and Path(name).suffix.lower() in READERS)
        if not found:
            raise InputError(str(given), f"folder has no supported files ({_supported()})")
        files.extend(sorted(found))
    return files
