"""kg: a knowledge-graph builder for Chinese science-and-technology work reports."""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
