"""Plain-text reader (.txt, .text, .md): decode bytes with a detected encoding.

UTF-8 (with or without byte order mark) is tried first and always wins when
the bytes are valid UTF-8; otherwise the encoding is detected with
charset-normalizer among the Chinese encodings (GB18030, which covers GBK and
GB2312, and Big5).  Binary files renamed to .txt are refused.
"""
from __future__ import annotations

import codecs
import os
import unicodedata

from charset_normalizer import from_bytes

from kg.errors import InputError

__all__ = ["read", "decode_text", "check_not_binary", "codec_name", "CANDIDATE_ENCODINGS"]

#: Encodings tried by the detector when the bytes are not UTF-8.
CANDIDATE_ENCODINGS = ("gb18030", "big5")

# Detector names folded into the encoding used to decode.
_FAMILY = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "hz": "gb18030",
           "big5": "big5", "big5hkscs": "big5hkscs", "cp950": "cp950"}

_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a zip archive, e.g. a .docx"),
    (b"\xd0\xcf\x11\xe0", "an old Office file, e.g. a .doc"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7z archive"),
)
# Control bytes that never occur in text (tab, line breaks, form feed and ESC do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY = "not a text file (looks binary)"


def check_not_binary(data: bytes, path: str | os.PathLike) -> None:
    """Refuse bytes that are not text.

    Parameters
    ----------
    data : the file's bytes (without a UTF-16/32 byte order mark).
    path : the file, for the error message.

    Raises
    ------
    InputError : the bytes start like a known binary format, hold NUL bytes,
        or more than 5 % of them are control bytes.
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"{_BINARY}: it is {kind}; give it the right extension")
    sample = data[:1 << 20]
    if b"\x00" in sample:
        raise InputError(path, f"{_BINARY}: it holds NUL bytes")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > 0.05 * len(sample):
        raise InputError(path, f"{_BINARY}: it is mostly control characters")


def codec_name(name: str) -> str:
    """Return the codec used to decode text declared or detected as ``name``
    ("gb2312" and "gbk" are read as their superset "gb18030"); "" when Python
    has no such codec.

    >>> codec_name("GB2312"), codec_name("utf8"), codec_name("x-unknown")
    ('gb18030', 'utf-8', '')
    """
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return ""
    return _FAMILY.get(name.replace("_", ""), name)


def garbage_share(text: str, *, skip_space: bool = False) -> float:
    """Share of characters that do not occur in real text (controls, private
    use, unassigned code points, replacement characters) in a sample.

    ``skip_space`` leaves white space out of the count (a PDF's text layer is
    full of line breaks that say nothing about its fonts).

    >>> garbage_share("科技局\ufffd"), garbage_share("\ue000  ", skip_space=True)
    (0.25, 1.0)
    """
    sample = text[:200_000]
    if skip_space:
        sample = "".join(c for c in sample if not c.isspace())
    if not sample:
        return 0.0
    bad = sum(1 for c in sample
              if c == "\ufffd" or (unicodedata.category(c) in ("Cc", "Co", "Cn", "Cs")
                                   and c not in "\t\n\r\x0b\x0c\x1b"))
    return bad / len(sample)


def decode_text(data: bytes, path: str | os.PathLike) -> tuple[str, str]:
    """Decode the bytes of a text file.

    Parameters
    ----------
    data : the file's bytes.
    path : the file, for error messages.

    Returns
    -------
    ``(text, encoding)``: encoding is "utf-8", "utf-8-sig" (UTF-8 with a byte
    order mark, removed from the text), "utf-16"/"utf-32" (with a byte order
    mark), or a detected Chinese encoding ("gb18030", "big5" …).

    Raises
    ------
    InputError : the bytes are binary, or no encoding decodes them.

    Examples
    --------
    >>> decode_text("西山区科技局工作要点".encode("gbk"), "a.txt")
    ('西山区科技局工作要点', 'gb18030')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(path, f"starts with a {encoding} byte order mark but is not "
                                       f"valid {encoding}; save it as UTF-8") from exc
    check_not_binary(data, path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=list(CANDIDATE_ENCODINGS)).best()
    if best is None:
        raise InputError(path, "cannot detect the text encoding; save it as UTF-8")
    encoding = codec_name(best.encoding) or best.encoding
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        encoding, text = best.encoding, str(best)
    if garbage_share(text) > 0.02:
        raise InputError(path, f"{_BINARY}: it decodes to unreadable characters")
    return text, encoding


def read(data: bytes, path: str | os.PathLike) -> tuple[str, str]:
    """Read a plain-text file.

    Parameters
    ----------
    data : the file's bytes.
    path : the file, for error messages.

    Returns
    -------
    ``(text, encoding)`` as :func:`decode_text` gives them.
    """
    return decode_text(data, path)
