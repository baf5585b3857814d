"""Where the project's ontology and query files are.

They live at the project root (``ontology/``, ``queries/``); a wheel built
with ``pip install .`` carries copies inside the package (``kg/_project/``).
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["project_path"]

_HERE = Path(__file__).resolve().parent


def project_path(*parts: str) -> Path:
    """Return the path of a project file, e.g. ``project_path("ontology", "shapes.ttl")``.

    The source tree's copy is used when it exists (editable install, checkout),
    otherwise the copy installed inside the package.

    >>> project_path("ontology", "kg.ttl").name
    'kg.ttl'
    """
    source = _HERE.parent.joinpath(*parts)
    if source.exists():
        return source
    return _HERE.joinpath("_project", *parts)
