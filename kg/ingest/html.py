"""HTML reader (.html, .htm): the main text of a saved web page.

The page is decoded (byte order mark, then UTF-8, then the declared
``<meta charset>``, then detection), its main text is extracted with trafilatura
(favouring recall, tables kept, comments dropped), lines of web-page furniture
(:mod:`kg.boilerplate`) are removed and the page title is put first (added
when the extraction dropped it).  When trafilatura finds nothing (or cannot
be imported) the text of the page's block elements, without the elements
whose class or id names furniture, is used instead.
"""
from __future__ import annotations

import codecs
import os
import re
from functools import cache

import lxml.html
from lxml import etree

from kg.boilerplate import is_boilerplate_line
from kg.errors import InputError
from kg.ingest.text import check_not_binary, codec_name, decode_text

__all__ = ["read", "decode_html", "extract_main_text", "page_title"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Elements that never hold report text.
_DROP = ("script", "style", "noscript", "template", "iframe", "svg", "nav", "header",
         "footer", "aside", "form", "button", "select", "head")
_BLOCKS = frozenset(("p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3",
                     "h4", "h5", "h6", "section", "article", "blockquote", "pre", "dd", "dt",
                     "dl", "center", "hr", "td", "th"))
# class or id of elements that hold page furniture, dropped by the fallback.
_FURNITURE_CLASS = re.compile(
    r"nav|menu|foot|header|logo|crumb|share|banner|sidebar|toolbar|copyright|position|location"
    r"|(?<![a-z])(?:top|head)(?![a-z])",
    re.IGNORECASE)
# Separators between a page title and the site name: "报告_某某区人民政府".
_TITLE_SITE = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s|--)\s*")


def decode_html(data: bytes, path: str | os.PathLike) -> tuple[str, str]:
    """Decode the bytes of a web page.

    Parameters
    ----------
    data : the page's bytes.
    path : the file, for error messages.

    Returns
    -------
    ``(html, encoding)``: a byte order mark wins, then UTF-8 when the bytes
    are valid UTF-8 (whatever the page declares: non-ASCII text in another
    encoding is practically never valid UTF-8), then a ``<meta charset>``
    declaration that decodes the bytes, then detection.

    Raises
    ------
    InputError : the bytes are binary or cannot be decoded.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data, path)
    check_not_binary(data, path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:8192])
    if declared:
        encoding = codec_name(declared.group(1).decode("ascii", "replace"))
        if encoding:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                pass    # a wrong declaration: detect instead
    return decode_text(data, path)


def page_title(tree: lxml.html.HtmlElement) -> str:
    """Return the page's title; "" when there is none.

    The longest heading (``<h1>``–``<h3>``) that the ``<title>`` repeats is
    the title (the ``<h1>`` of many sites is the site's name, which the
    ``<title>`` repeats too, but it is the shorter); otherwise the longest
    part of ``<title>`` split at ``_``, ``|`` or `` - ``; otherwise the first
    ``<h1>``.
    """
    title = " ".join(" ".join(t.text_content().split()) for t in tree.iter("title"))
    headings = [" ".join(h.text_content().split()) for h in tree.iter("h1", "h2", "h3")]
    repeated = [h for h in headings if len(h) >= 4 and h in title]
    if repeated:
        return max(repeated, key=len)
    parts = [p for p in _TITLE_SITE.split(title) if p]
    if parts:
        return max(parts, key=len)
    return next((h for h in headings if h), "")


def _block_text(tree: lxml.html.HtmlElement) -> str:
    """Text of the page with a line break after every block element."""
    tree = lxml.html.fromstring(lxml.html.tostring(tree))    # work on a copy
    etree.strip_elements(tree, *_DROP, with_tail=False)
    furniture = [e for e in tree.iter() if isinstance(e.tag, str) and e is not tree
                 and _FURNITURE_CLASS.search(f"{e.get('class', '')} {e.get('id', '')}")]
    for element in furniture:
        if element.getparent() is not None:
            element.drop_tree()
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return tree.text_content()


@cache
def _trafilatura():
    """Return the trafilatura module, or None when it cannot be imported."""
    try:
        import trafilatura
    except ImportError:
        return None
    return trafilatura


def extract_main_text(html: str) -> str:
    """Extract the main text of a page, one paragraph per line.

    Parameters
    ----------
    html : the decoded page.

    Returns
    -------
    The main text without furniture lines, the title first (moved there from
    the first lines, or added when the extraction dropped it); "" when the
    page holds no text.
    """
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    text = ""
    trafilatura = _trafilatura()
    if trafilatura is not None:
        text = trafilatura.extract(html, favor_recall=True, include_comments=False,
                                   include_tables=True, include_links=False,
                                   include_images=False, deduplicate=False) or ""
    if not text.strip():
        text = _block_text(tree)
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not is_boilerplate_line(line)]
    title = page_title(tree)
    if title:
        squeezed = "".join(title.split())
        found = [i for i, line in enumerate(lines[:5]) if squeezed in "".join(line.split())]
        if found:
            lines.insert(0, lines.pop(found[0]))     # the title goes first
        else:
            lines.insert(0, title)
    return "\n".join(lines)


def read(data: bytes, path: str | os.PathLike) -> tuple[str, str]:
    """Read a saved web page.

    Parameters
    ----------
    data : the page's bytes.
    path : the file, for error messages.

    Returns
    -------
    ``(main text, encoding of the page)``.

    Raises
    ------
    InputError : the page cannot be decoded or holds no text.
    """
    html, encoding = decode_html(data, path)
    text = extract_main_text(html)
    if not text.strip():
        raise InputError(path, "no text found in the web page")
    return text, encoding
