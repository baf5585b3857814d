"""Files written whole or not at all: the atomic writes every output and cache uses.

:func:`atomic_output` opens a temporary file beside the target and renames it
over the target only when writing succeeded, so readers see the old file or
the new one, never half of one.  Outputs are flushed to disk (``durable``);
cache entries, which can always be made again, skip the flush.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_output", "write_atomic", "fsync_folder"]


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike, durable: bool = True) -> Iterator[BinaryIO]:
    """Open a binary file whose content replaces ``path`` only when the block ends without error.

    The pieces written go to a temporary file in the same folder, which is
    renamed over ``path`` when the ``with`` block ends; if the block raises,
    the temporary file is removed and ``path`` is left as it was.  An
    existing file's permissions are kept; a new file gets 0o644.

    Parameters
    ----------
    path : the file to write; its folder must exist.
    durable : flush the file and the rename to disk (fsync) before returning;
        False for files that can be made again (cache entries).

    Yields
    ------
    The temporary file, open for writing bytes.
    """
    target = Path(path)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    if durable:
        fsync_folder(target.parent)


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never half.

    As :func:`atomic_output` (durable) with the whole content at once.

    Parameters
    ----------
    path : the file to write; its folder must exist.
    data : the complete new content.
    """
    with atomic_output(path) as f:
        f.write(data)


def fsync_folder(folder: str | os.PathLike) -> None:
    """Make a rename in ``folder`` durable where the platform allows it (POSIX)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
