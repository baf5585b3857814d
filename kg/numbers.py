"""Numbers and quantities as written in Chinese reports: 三十家, 1.2亿元, 百分之三, 10-15家.

:func:`parse_number` reads one numeral (Arabic or Chinese); :func:`find_quantities`
finds every "number + unit" in a text with its offsets; :func:`parse_quantity`
reads the first one.  Units come from ``kg/data/lexicons/units.txt`` and are
kept as written (万元 and 万平方米 stay so), only spelled one way (台套 → 台(套)).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from kg.errors import PatternError

__all__ = ["QuantityMatch", "parse_number", "parse_quantity", "find_quantities", "load_units"]

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_MULT = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}

_ARABIC = r"\d+(?:,\d{3}(?!\d))*(?:\.\d+)?"
# A Chinese numeral starts with a digit or 十 (not 百/千/万: 百强, 千家万户).
# … with decimals after 点 (四点三亿元, 百分之十二点五)
_CN_DECIMALS = r"(?:点[零〇一二三四五六七八九]+)?"
_CHINESE = r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*?" + _CN_DECIMALS
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"
_CHINESE_WHOLE = r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*" + _CN_DECIMALS
_RANGE = r"\s*(?:-|—|–|~|～|至|到)\s*"
_TAIL = r"(?:以上|左右|以内|之多)?"


@dataclass(frozen=True, slots=True)
class QuantityMatch:
    """A number with its unit found in a text; ``start``/``end`` index that text.

    ``start`` is where the number begins; ``end`` is after the unit and any
    qualifier that follows it (以上, 左右).  ``value`` is the lower bound of a
    range; ``unit`` is normalised.
    """

    start: int
    end: int
    value: float
    unit: str
    text: str


def _parse_below_wan(text: str) -> float | None:
    """Read a Chinese numeral below 10 000 (十五, 一百零五, 二〇二四)."""
    if not text:
        return 0.0
    if all(ch in _DIGITS for ch in text):          # digit by digit: 二〇二四
        value = 0
        for ch in text:
            value = value * 10 + _DIGITS[ch]
        return float(value)
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL:
            total += (1 if digit is None else digit) * _SMALL[ch]
            digit = None
        else:
            return None
    return float(total + (digit or 0))


def _parse_chinese(text: str) -> float | None:
    """Read a Chinese integer numeral with 万 and 亿 (一亿二千万)."""
    if not text or any(ch not in _CN_CHARS for ch in text):
        return None
    high, _, low = text.rpartition("亿") if "亿" in text else ("", "", text)
    value = 0.0
    if "亿" in text:
        h = _parse_chinese(high) if high else 1.0
        if h is None:
            return None
        value += h * 1e8
    mid, _, rest = low.rpartition("万") if "万" in low else ("", "", low)
    if "万" in low:
        m = _parse_below_wan(mid) if mid else 1.0
        if m is None:
            return None
        value += m * 1e4
    r = _parse_below_wan(rest)
    if r is None:
        return None
    return value + r


_SPACES = regex.compile(r"\s+")
_ARABIC_NUMERAL = regex.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)([万亿千百]?)")


def parse_number(text: str) -> float | None:
    """Read one numeral, Arabic or Chinese.

    Parameters
    ----------
    text : the numeral, e.g. ``"三十"``, ``"1.2万"``, ``"百分之三"``, ``"五分之一"``.

    Returns
    -------
    The value as a float (a fraction ``X分之Y`` as a share, 五分之一 → 0.2;
    百分之三 → 3), or None when ``text`` is not a numeral.

    Examples
    --------
    >>> parse_number("一百二十"), parse_number("两千"), parse_number("1.2万")
    (120.0, 2000.0, 12000.0)
    >>> parse_number("百分之三"), parse_number("五分之一"), parse_number("3.30")
    (3.0, 0.2, 3.3)
    >>> parse_number("创新") is None
    True
    """
    text = _SPACES.sub("", text or "")
    if not text:
        return None
    if text.startswith("百分之"):
        return parse_number(text[3:])
    if "分之" in text:
        denominator, _, numerator = text.partition("分之")
        d, n = parse_number(denominator), parse_number(numerator)
        if d and n is not None:
            return n / d
        return None
    m = _ARABIC_NUMERAL.fullmatch(text)
    if m:
        value = float(m.group(1).replace(",", ""))
        return value * _MULT[m.group(2)] if m.group(2) else value
    if "点" in text:                                # 三点五
        whole, _, decimals = text.partition("点")
        w = _parse_chinese(whole)
        if w is None or not decimals or any(ch not in _DIGITS for ch in decimals):
            return None
        return float(f"{int(w)}." + "".join(str(_DIGITS[ch]) for ch in decimals))
    return _parse_chinese(text)


@lru_cache(maxsize=1)
def load_units() -> tuple[tuple[str, str, bool], ...]:
    """Return the unit lexicon: ``(written, normalised, needs_money_cue)``, longest first.

    Raises :class:`~kg.errors.PatternError` when a line is malformed.
    """
    path = resources.files("kg") / "data" / "lexicons" / "units.txt"
    units = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) not in (2, 3) or not parts[0] or not parts[1] or (
                len(parts) == 3 and parts[2] != "money"):
            raise PatternError(f"units.txt line {n}: expected 'unit<TAB>normalised[<TAB>money]', got {line!r}")
        units.append((parts[0], parts[1], len(parts) == 3))
    return tuple(sorted(units, key=lambda u: -len(u[0])))


@lru_cache(maxsize=1)
def _quantity_regex() -> regex.Pattern:
    units = "|".join(regex.escape(u) for u, _, _ in load_units())
    plain_units = "|".join(regex.escape(u) for u, _, money in load_units()
                           if not money and "元" not in u and "%" not in u and "百分点" not in u)
    number = (rf"(?:(?<![\d.A-Za-z第])(?P<ar>{_ARABIC})"
              rf"|(?<![第之{_CN_CHARS}])(?P<cn>{_CHINESE}))")
    number2 = rf"(?:{_ARABIC}|{_CHINESE})"
    return regex.compile(
        rf"(?:百分之(?P<pct>{_ARABIC}|{_CHINESE_WHOLE})"
        rf"|(?<![\d{_CN_CHARS}])(?P<den>{_ARABIC}|{_CHINESE_WHOLE})分之(?P<num>{_ARABIC}|{_CHINESE_WHOLE})"
        rf"|{number}(?:(?P<u1>{units})?{_RANGE}{number2})?"
        rf"\s?(?P<approx>[余多])?(?:(?P<mult>万(?=亿)|[万亿](?=(?:{plain_units}))))?(?P<unit>{units}))"
        rf"(?![月间])(?P<tail>{_TAIL})"
    )


@lru_cache(maxsize=1)
def _unit_table() -> dict[str, tuple[str, bool]]:
    return {u: (norm, money) for u, norm, money in load_units()}


def find_quantities(text: str, *, money_cues: tuple[str, ...] | None = ()) -> list[QuantityMatch]:
    """Find every "number + unit" in ``text``.

    Parameters
    ----------
    text : a sentence.
    money_cues : words (资金, 金额 …) that, in the text before the number, make a
        bare 万/亿 mean 万元/亿元; ``None`` reads a bare 万/亿 as money always.
        With the default ``()`` a bare 万/亿 is never a unit.

    Returns
    -------
    The matches in text order.  Years, dates, ordinals (第3), codes and
    numbers without a unit are not quantities.  Chinese numerals count from
    两 upwards (一 is too often an article: 一批, 一个平台; 零 a word: 零部件), and a Chinese
    numeral with 个 must end the phrase (四个面向 is a slogan) and one followed
    by another numeral is a set phrase (五位一体).

    Examples
    --------
    >>> [(q.value, q.unit) for q in find_quantities("新增高新技术企业三十家,投入1.2亿元,增长10%")]
    [(30.0, '家'), (1.2, '亿元'), (10.0, '%')]
    """
    units = _unit_table()
    found = []
    for m in _quantity_regex().finditer(text):
        if m.group("pct") is not None:
            value, unit = parse_number(m.group("pct")), "%"
        elif m.group("den") is not None:
            share = parse_number(f"{m.group('den')}分之{m.group('num')}")
            value, unit = (None if share is None else round(share * 100, 4)), "%"
        else:
            written = m.group("unit")
            unit, money = units[written]
            numeral = m.group("ar") or m.group("cn")
            if m.group("cn") is not None:
                if numeral in ("一", "零", "〇") or (written == "个" and _cjk_follows(text, m.end())) \
                        or (m.end() < len(text) and text[m.end()] in _CN_CHARS):   # 五位一体
                    continue
            if money:
                if money_cues is not None and not any(
                        cue in _clause_before(text, m.start()) for cue in money_cues):
                    continue
            value = parse_number(numeral)
            if m.group("mult") and m.group("mult") + written in units:     # 3万平方米 stays as written
                unit = units[m.group("mult") + written][0]
            elif value is not None and m.group("mult"):
                value *= _MULT[m.group("mult")]
        if value is None:
            continue
        found.append(QuantityMatch(m.start(), m.end(), value, unit, m.group(0)))
    return found


def _cjk_follows(text: str, pos: int) -> bool:
    return pos < len(text) and "\u4e00" <= text[pos] <= "\u9fff"


def _clause_before(text: str, pos: int) -> str:
    start = max(text.rfind(p, 0, pos) for p in ",;。:!?")
    return text[start + 1:pos]


def parse_quantity(text: str) -> tuple[float, str] | None:
    """Read the first quantity in ``text``.

    Parameters
    ----------
    text : a quantity with whatever precedes it: ``"三十家"``, ``"增长10%"``,
        ``"不少于20场"``, ``"10至15家"``.

    Returns
    -------
    ``(value, unit)`` with the unit normalised (个百分点 stays 个百分点); a
    range gives its lower bound; None when there is no number with a unit.

    Examples
    --------
    >>> parse_quantity("1.2亿元"), parse_quantity("3000万元"), parse_quantity("10-15家")
    ((1.2, '亿元'), (3000.0, '万元'), (10.0, '家'))
    >>> parse_quantity("百分之三"), parse_quantity("超过200家以上")
    ((3.0, '%'), (200.0, '家'))
    """
    found = find_quantities(text, money_cues=None)
    return (found[0].value, found[0].unit) if found else None
