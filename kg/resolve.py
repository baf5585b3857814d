"""Entity resolution: one node per real-world entity across sentences and reports.

:func:`resolve` gives every mention a deterministic entity id —
``f"{type}/{normalised name}"``, and for divisions and the agencies of a
division ``f"{type}/{province}/{city}/{name}"`` so that two 鼓楼区 stay apart —
then merges written forms that name the same entity:

* ``name-form``: short and full endings (科技局 ↔ 科学技术局, 农大 ↔ 农业大学);
* ``division``: a division's short and full names (宁波 ↔ 宁波市), chosen by the
  report's own place when the name is ambiguous;
* ``context``: context references (我区, 区科技局, 区委 …) resolved to the
  report's district, issuer or the district's party committee / government;
* ``central``: other names of a central body (国家科技部 ↔ 科技部);
* ``designation-level``: the level written several ways (省级 ↔ 省; 国家 is
  the default level, so 国家高新技术企业 ↔ 高新技术企业) and kind aliases (高企);
* ``enterprise-short``: an enterprise's short name ↔ its registered name when
  the short name starts the registered one once the place and legal form are
  removed (某某科技 ↔ 某省某某科技有限公司); a registered name written without
  its place ↔ the one report's registered name with it (某某机械有限公司 ↔
  某省某某机械有限公司);
* ``programme-core``: a programme is known by its quoted core (“百企登高”计划 =
  “百企登高”行动) or by its name without edition and generic ending (第九届某某大赛
  = 某某大赛, 某某计划项目 = 某某计划);
* ``abbreviation``: a party of a joint platform's name written short (某大 ↔
  某某大学, the characters in order, in the same report);
* ``normalised``: quotes, 《》, a leading 区/市 context word of a platform.

Relations and quantities carry mention texts; they are mapped to entity ids,
and a relation whose end cannot be resolved is dropped (and counted).
:func:`write_entities_csv` writes the entity table.
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.lexicon import Division, Lexicon
from kg.model import Entity, Mention, Quantity, Relation, Report, ReportExtraction

__all__ = ["Resolution", "Resolver", "resolve", "write_entities_csv"]

_QUOTES = re.compile(r"[“”\"'‘’《》「」『』\s]")
_CONTEST_REGION = re.compile(r"(?<=赛)[（(]?[\u4e00-\u9fff]{1,10}?赛区[）)]?$")
_EDITION = re.compile(r"^\d{4}年?|第[一二三四五六七八九十百\d]+届")
_LEVEL_CHAR = {"区": "county", "县": "county", "市": "city", "省": "province", "自治区": "province"}
_AGENCY_CONTEXT = re.compile(r"^(自治区|区|县|市|省)(.*)$")
_ISSUER_BEFORE_ABOUT = re.compile(r"^[\u4e00-\u9fff]{2,16}?关于")
#: a quoted part that is not the whole name (“某某”行动)
_INNER_QUOTE = re.compile(r"^[^“]+“|”[^”]+$")
_COUNTED_KINDS = re.compile(r"^[一二两三四五六七八九十百千\d]+[大个项条]")
_PLAN_PROJECT = re.compile(r"(?:计划|工程|专项|基金)项目$")
_QUOTED = re.compile(r"[“\"]([^“”\"]+)[”\"]")
#: generic endings of programme names, removed from their keys
_PROGRAMME_ENDING = re.compile(r"(?:项目|计划|行动|工程|机制|工作机制|服务机制|立项机制|品牌活动|系列活动|活动|制)$")


@dataclass(slots=True)
class Resolution:
    """The entities of a corpus and the relations/quantities mapped onto them.

    ``entity_of`` maps ``(report_id, mention text, type)`` to an entity id;
    ``dropped_relations`` counts relations with an end that names no entity.
    """

    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    entity_of: dict[tuple[str, str, str], str] = field(default_factory=dict)
    dropped_relations: int = 0

    def lookup(self, report_id: str, text: str, type_: str | None = None) -> str | None:
        """Return the entity id of a mention text in a report (any type if ``type_`` is None)."""
        if type_:
            return self.entity_of.get((report_id, text, type_))
        for t in ("District", "Agency", "Enterprise", "ResearchInstitute", "University", "Platform",
                  "Programme", "Policy", "Designation"):
            found = self.entity_of.get((report_id, text, t))
            if found:
                return found
        return None


@dataclass(slots=True)
class _Key:
    entity_id: str
    name: str                 # canonical name
    rule: str                 # how the written form was mapped ("" if written as is)
    parent: str | None = None
    code: str | None = None


@dataclass(slots=True)
class _Place:
    """A report's own place: its division chain and issuer."""

    chain: list[Division]     # outermost first, the report's district last (if a division)
    district: str | None      # the report's district as written (may be a zone)
    issuer: str | None


class Resolver:
    """Maps mentions to entities with a :class:`Lexicon` (see the module docstring)."""

    def __init__(self, lexicon: Lexicon | None = None):
        from kg.extract import EntityExtractor, default_extractor

        self.extractor = default_extractor() if lexicon is None else EntityExtractor(lexicon)
        self.lexicon = self.extractor.lexicon

    # -------------------------------------------------------------- places

    def place_of(self, report: Report) -> _Place:
        """The division chain of a report, from its district and parents."""
        lex = self.lexicon
        chain: list[Division] = []
        parent_codes: list[str] = []
        for name in report.parents:
            code = self._pick_code(name, parent_codes)
            if code:
                parent_codes.append(code)
        district_code = self._pick_code(report.district, parent_codes) if report.district else None
        if district_code:
            chain = [*lex.parents(district_code), lex.divisions[district_code]]
        elif parent_codes:
            chain = [*lex.parents(parent_codes[-1]), lex.divisions[parent_codes[-1]]]
        return _Place(chain, report.district, report.issuer)

    def _codes(self, name: str | None) -> list[str]:
        if not name:
            return []
        lex = self.lexicon
        return lex.division_names.get(name) or lex.division_shorts.get(name) or []

    def _pick_code(self, name: str | None, near: list[str]) -> str | None:
        """Choose the division a name means, preferring one inside or around ``near``."""
        codes = self._codes(name)
        if not codes:
            return None
        if len(codes) == 1:
            return codes[0]
        lex = self.lexicon
        near_set = set(near)
        for code in codes:
            family = {d.code for d in lex.parents(code)} | {code}
            if family & near_set:
                return code
            if any(code in {d.code for d in lex.parents(n)} for n in near):
                return code
        rank = {"province": 0, "city": 1, "county": 2}
        return sorted(codes, key=lambda c: (rank[lex.divisions[c].level], c))[0]

    def _division_key(self, code: str, rule: str) -> _Key:
        lex = self.lexicon
        division = lex.divisions[code]
        parents = lex.parents(code)
        path = "/".join([d.name for d in parents] + [division.name])
        return _Key(f"District/{path}", division.name, rule,
                    parents[-1].name if parents else None, code)

    # ---------------------------------------------------------------- keys

    def key(self, mention: Mention, place: _Place) -> _Key | None:
        """Return the entity a mention names in its report, or None if it names none."""
        text = mention.text
        if mention.rule.endswith(".context") or (mention.rule == "end" and text in self.lexicon.context_refs):
            return self._context_key(text, mention.type, place)
        handler = getattr(self, f"_key_{mention.type}", None)
        if handler:
            return handler(text, place)
        return self._plain_key(text, mention.type)

    def own_district(self, place: _Place) -> str | None:
        """The report's own district as written (a division or a zone), if known."""
        if place.district and (self._codes(place.district) or place.chain):
            return place.district
        return None

    def _near(self, place: _Place) -> list[str]:
        return [d.code for d in place.chain]

    def _key_District(self, text: str, place: _Place) -> _Key | None:
        lex = self.lexicon
        if text in lex.division_names or text in lex.division_shorts:
            code = self._pick_code(text, self._near(place))
            rule = "" if text in lex.division_names else "division"
            return self._division_key(code, rule)
        # a zone or township: its parents are the division it starts with, or the report's place
        name = _QUOTES.sub("", text)
        m = self.extractor.division_at(name)
        chain: list[Division]
        if m and m.end() < len(name):
            code = self._pick_code(m.group(), self._near(place))
            chain = [*lex.parents(code), lex.divisions[code]]
            division = lex.divisions[code]
            key_name = (division.short or division.name) + name[m.end():]    # 襄阳市高新区 = 襄阳高新区
        else:
            chain, key_name = place.chain, name
        path = "/".join([d.name for d in chain] + [key_name])
        return _Key(f"District/{path}", name, "normalised" if name != text else "",
                    chain[-1].name if chain else None, None)

    def _context_key(self, text: str, type_: str, place: _Place) -> _Key | None:
        lex = self.lexicon
        _, refers = lex.context_refs.get(text, (type_, "level"))
        if type_ == "District":
            level = "province" if text.endswith("省") else "city" if text.endswith("市") else "county"
            if level == "county" and place.district and not self._codes(place.district) \
                    and place.district.endswith(text[-1]):
                key = self._key_District(place.district, place)       # 我区 in a zone's report
                return _Key(key.entity_id, key.name, "context", key.parent, key.code)
            division = self._division_at(place, level, text[-1])
            if division is None:
                return None
            return self._division_key(division.code, "context")
        m = _AGENCY_CONTEXT.match(text)
        level_word, suffix = m.groups() if m else ("", text)
        if refers == "issuer" and place.issuer and (
                not level_word or self._level_of(place.issuer) == _LEVEL_CHAR.get(level_word)):
            return self._agency_key(place.issuer, place, rule="context")     # 县科技局 in a county's report
        if not m:
            return None
        division = self._division_at(place, _LEVEL_CHAR.get(level_word, "county"), level_word)
        if division is None:
            return None
        if refers == "party" or suffix.startswith("委"):
            return _Key(f"Agency/{self._path(division)}委", f"{division.name}委", "context",
                        division.name, None)
        if suffix.startswith("政府") or suffix.startswith("人民政府"):
            return _Key(f"Agency/{self._path(division)}人民政府", f"{division.name}人民政府", "context",
                        division.name, None)
        if suffix == "局":
            suffix = "科学技术局"
        return self._agency_key(division.name + suffix, place, rule="context")

    def _level_of(self, agency: str) -> str | None:
        """The level of the division an agency name starts with (某某区科技局 → county)."""
        m = self.extractor.division_at(agency)
        if m:
            code = self._codes(m.group())
            return self.lexicon.divisions[code[0]].level if code else None
        return None

    def _division_at(self, place: _Place, level: str, level_word: str) -> Division | None:
        """The division of the report's chain at a level (区/县 → county …)."""
        for division in reversed(place.chain):
            if division.level == level:
                if level == "county" and level_word in ("区", "县") and not division.name.endswith(level_word) \
                        and not division.name.endswith("市"):
                    return None
                return division
        return None

    def _path(self, division: Division) -> str:
        return "/".join([d.name for d in self.lexicon.parents(division.code)] + [division.name])

    def _agency_key(self, text: str, place: _Place, rule: str = "") -> _Key:
        lex = self.lexicon
        name = _QUOTES.sub("", text)
        if name in lex.central_agencies:
            canonical = lex.central_agencies[name]
            return _Key(f"Agency/{canonical}", canonical, "central" if canonical != name else rule)
        # expand the suffix
        for short, full in lex.name_forms.get("Agency", ()):
            if name.endswith(short) and not name.endswith(full):
                name = name[: -len(short)] + full
                rule = rule or "name-form"
                break
        # normalise the leading divisions: keep the last one, in full, with its parents
        ex = self.extractor
        pos, last = 0, None
        while True:
            m = ex.division_at(name, pos)
            if not m or m.end() >= len(name):
                break
            last = (m.group(), pos, m.end())
            pos = m.end()
        if last:
            word, _, end = last
            code = self._pick_code(word, self._near(place))
            if code:
                division = lex.divisions[code]
                full = division.name + name[end:]
                if full != text:
                    rule = rule or "division"
                return _Key(f"Agency/{self._path(division)}{name[end:]}", full, rule, division.name)
        return _Key(f"Agency/{name}", name, rule if name != text else "")

    def _key_Agency(self, text: str, place: _Place) -> _Key:
        return self._agency_key(text, place)

    def _key_Designation(self, text: str, place: _Place) -> _Key:
        lex = self.lexicon
        name = _QUOTES.sub("", text)
        m = self.extractor.parse_designation(text) or self.extractor.parse_designation(name)
        if not m:
            return self._plain_key(text, "Designation")
        kind = m.group("kind")
        _, canonical = lex.designation_kinds.get(kind, (True, kind))
        prefix = ""
        if m.group("div"):
            prefix = m.group("div")
        elif m.group("level"):
            level = re.sub(r"(及以上|以上)$", "", m.group("level"))
            more = m.group("level")[len(level):]
            prefix = lex.levels.get(level, level)
            if prefix == "国家" and lex.designation_kinds.get(kind, (False, kind))[0]:
                prefix = ""         # a national designation needs no level (国家高新技术企业 = 高新技术企业)
            if more:
                prefix += "级" + more if prefix else ""
        grade = re.sub(r"[((].*", "", m.group("grade") or "")           # A类(优秀) → A类
        tail = m.group("tail") or ""
        tail = tail if tail.endswith("库") else ""                      # a 培育库 is a list of its own
        key_name = prefix + grade + canonical + tail     # 第二批 is an edition of the same designation
        rule = "designation-level" if key_name != name else ("normalised" if name != text else "")
        return _Key(f"Designation/{key_name}", key_name, rule)

    def _key_University(self, text: str, place: _Place) -> _Key:
        return self._ending_key(text, "University", place)

    def _key_ResearchInstitute(self, text: str, place: _Place) -> _Key:
        return self._ending_key(text, "ResearchInstitute", place)

    def _ending_key(self, text: str, type_: str, place: _Place) -> _Key:
        lex = self.lexicon
        name = _QUOTES.sub("", text)
        rule = "normalised" if name != text else ""
        if name in lex.institutions:
            canonical = lex.institutions[name][1]
            return _Key(f"{type_}/{canonical}", canonical, "name-form" if canonical != text else "")
        for short, full in lex.name_forms.get(type_, ()):
            if name.endswith(short) and not name.endswith(full):
                name = name[: -len(short)] + full
                rule = "name-form"
                break
        if type_ == "University":       # 中山大学 is no 中山市大学: universities keep their place as written
            return _Key(f"{type_}/{name}", name, rule)
        return self._place_normalised(name, type_, rule, text)

    def _place_normalised(self, name: str, type_: str, rule: str, text: str) -> _Key:
        """Write a leading short place name in full (绵阳先进制造研究院 → 绵阳市…)."""
        lex = self.lexicon
        m = self.extractor.place_prefix(name)
        if m and m.end() < len(name) and m.group() not in lex.division_names:
            codes = lex.division_shorts.get(m.group(), [])
            if len(codes) == 1:
                full = lex.divisions[codes[0]].name
                if not name.startswith(full):
                    key_name = full + name[m.end():]
                    return _Key(f"{type_}/{key_name}", name, rule or "normalised")
        return _Key(f"{type_}/{name}", name, rule)

    def _plain_key(self, text: str, type_: str) -> _Key:
        name = _QUOTES.sub("", text)
        if type_ == "Policy":
            key = _ISSUER_BEFORE_ABOUT.sub("关于", name)     # 《国务院关于…》 = 《关于…》
            return _Key(f"Policy/{key}", text, "normalised" if key != text else "")
        rule = "normalised" if name != text else ""
        if type_ == "Programme":
            return self._programme_key(text, name, rule)
        if type_ == "Platform" and len(name) >= 6 and name[0] in "区市县" and name[1] != "级" \
                and not self.extractor.place_prefix(name):
            name = name[1:]
            rule = "normalised"
        return self._place_normalised(name, type_, rule, text)

    def _programme_key(self, text: str, name: str, rule: str) -> _Key:
        """A programme is known by its quoted core (“百企登高”计划 = “百企登高”行动 = 百企登高)
        or by its name without edition and generic ending (第九届某某大赛, 某某计划项目)."""
        quoted = _QUOTED.findall(text)
        if quoted and "".join(quoted) != name:      # “某某行动” as a whole is 某某行动
            core = "".join(quoted)
            return _Key(f"Programme/{core}", core, "programme-core" if core != text else "")
        for agency in sorted(self.lexicon.central_agencies, key=len, reverse=True):
            if name.startswith(agency) and len(name) - len(agency) >= 4:
                name = name[len(agency):]          # the issuing body is no part of the programme's name
                rule = "programme-core"
                break
        contest = _CONTEST_REGION.sub("", name)
        if contest != name and len(contest) >= 4:
            name = contest                          # 某某大赛广西赛区 is a round of 某某大赛
            rule = "programme-core"
        edition = _EDITION.sub("", name)
        if edition != name and len(edition) >= 3:
            name = edition
            rule = "programme-core"
        while True:
            m = _PROGRAMME_ENDING.search(name)
            if not m or m.start() < 3 or _COUNTED_KINDS.match(name[: m.start()]):
                break           # 六大行动 and 六大工程 are two programmes
            name = name[: m.start()]
            rule = "programme-core"
        kind = self._local_edition_of_kind(name)
        if kind is not None:    # 2024年某某区科技活动周 is the place's edition of 科技活动周
            return _Key(f"Programme/{kind}", kind, "programme-kind")
        return self._place_normalised(name, "Programme", rule, text)

    def _local_edition_of_kind(self, name: str) -> str | None:
        """The nationwide programme kind (科技活动周, 全国科普日 …) that ``name`` is a
        place's or a year's edition of, else None."""
        rest = _YEAR_PREFIX.sub("", name)
        ex = self.extractor
        while True:
            m = ex.division_at(rest) or ex.small_county_at(rest)
            if not m:
                break
            rest = rest[m.end():]
            zone = re.match(r"(?:" + "|".join(map(re.escape, self.lexicon.zone_suffixes)) + ")", rest)
            if zone:
                rest = rest[zone.end():]
        if rest != name and rest in self.lexicon.programme_kinds:
            return rest
        return None

    def _key_Enterprise(self, text: str, place: _Place) -> _Key:
        name = _QUOTES.sub("", text)
        return _Key(f"Enterprise/{name}", name, "normalised" if name != text else "")

    def _key_Platform(self, text: str, place: _Place) -> _Key:
        return self._plain_key(text, "Platform")

    def _key_Programme(self, text: str, place: _Place) -> _Key:
        return self._plain_key(text, "Programme")

    def _key_Policy(self, text: str, place: _Place) -> _Key:
        return self._plain_key(text, "Policy")

    # -------------------------------------------------------------- merging

    def has_legal_form(self, name: str) -> bool:
        """True if ``name`` ends with a legal form or a group (有限公司, 集团 …)."""
        return any(name.endswith(h) for h, head in self.lexicon.heads.items() if head.type == "Enterprise")

    def enterprise_core(self, name: str) -> str:
        """An enterprise name without its leading place names and legal form."""
        ex = self.extractor
        core = _QUOTES.sub("", name)
        suffixes = sorted((h for h, head in self.lexicon.heads.items() if head.type == "Enterprise"), key=len,
                          reverse=True)
        for suffix in suffixes:
            if core.endswith(suffix) and len(core) > len(suffix):
                core = core[: -len(suffix)]
                break
        while True:
            m = ex.place_prefix(core)
            if not m or len(core) - m.end() < 2:
                break
            core = core[m.end():]
        # a county's name or short form before a brand (某县某某油茶科技): only before a brand
        # of two characters or more, not before the industry word itself (某某科技)
        m = ex.division_at(core) or ex.small_county_at(core)
        if m and len(core) - m.end() >= 4 and not core[m.end():].startswith(tuple(self.lexicon.enterprise_tails)):
            core = core[m.end():]
        core = re.sub(r"^[((][^))]{1,6}[))]", "", core)
        return core


_YEAR_PREFIX = re.compile(r"^(?:20\d{2}|20[Xx]{2})\s*年?度?")


def resolve(extractions: Iterable[ReportExtraction], lexicon: Lexicon | None = None) -> Resolution:
    """Resolve the mentions of all reports to entities; map relations and quantities.

    Parameters
    ----------
    extractions : per-report output of the extraction stages.
    lexicon : default: the packaged lexicons.

    Returns
    -------
    Resolution with entities sorted by id, relations and quantities whose
    subject/object are entity ids, and ``entity_of``.

    Examples
    --------
    >>> from kg.model import Report, Mention, ReportExtraction
    >>> r = Report("d-1", "d", "a.txt", "0", "", "…", district="青山区", parents=("湖北省", "武汉市"))
    >>> ms = [Mention("青山区科技局", "Agency", 0, 6, "s1", "d-1", "Agency.suffix.科技局"),
    ...       Mention("青山区科学技术局", "Agency", 9, 17, "s2", "d-1", "Agency.suffix.科学技术局")]
    >>> res = resolve([ReportExtraction(r, [], ms)])
    >>> [(e.entity_id, e.aliases) for e in res.entities]
    [('Agency/湖北省/武汉市/青山区科学技术局', ('青山区科技局',))]
    """
    resolver = Resolver(lexicon)
    extractions = list(extractions)
    places = {x.report.report_id: resolver.place_of(x.report) for x in extractions}
    keyed: dict[str, list[tuple[Mention, _Key]]] = defaultdict(list)
    entity_of: dict[tuple[str, str, str], str] = {}
    for x in extractions:
        for mention in x.mentions:
            key = resolver.key(mention, places[x.report.report_id])
            if key is not None:
                keyed[key.entity_id].append((mention, key))
                entity_of[(mention.report_id, mention.text, mention.type)] = key.entity_id

    merged_into = _merge_declared_names(extractions, keyed, entity_of)
    merged_into.update(_merge_enterprise_short_names(resolver, keyed, merged_into))
    merged_into.update(_merge_abbreviations(keyed, merged_into))
    merged_into.update(_merge_name_suffixes(keyed, merged_into))
    groups: dict[str, list[tuple[Mention, _Key, str]]] = defaultdict(list)
    for eid, items in keyed.items():
        target, rule = merged_into.get(eid, (eid, ""))
        for mention, key in items:
            groups[target].append((mention, key, rule or key.rule))
    entity_of = {k: merged_into.get(v, (v, ""))[0] for k, v in entity_of.items()}
    entities = {eid: _make_entity(eid, items) for eid, items in groups.items()}
    resolution = Resolution(entity_of=entity_of)

    def end_id(report_id: str, text: str, type_: str) -> str | None:
        """The entity a relation or quantity end names; the report's own district or
        body is created if no mention named it."""
        found = resolution.lookup(report_id, text, type_ or None)
        if found:
            return found
        key = resolver.key(Mention(text, type_ or "District", 0, 0, "", report_id, "end"), places[report_id])
        if key is None:
            return None
        if key.entity_id not in entities:
            if key.entity_id.split("/", 1)[0] not in ("District", "Agency"):
                return None
            aliases = (text,) if text != key.name else ()
            entities[key.entity_id] = Entity(key.entity_id, key.entity_id.split("/", 1)[0], key.name, aliases,
                                             (), (), key.parent, key.code)
        return key.entity_id

    for x in extractions:
        report_id = x.report.report_id
        for relation in x.relations:
            s = end_id(report_id, relation.subject, relation.subject_type)
            o = end_id(report_id, relation.object, relation.object_type)
            if s is None or o is None:
                resolution.dropped_relations += 1
                continue
            resolution.relations.append(replace(relation, subject=s, object=o))
        if x.report.publisher:          # the site's host body, named in the page footer
            end_id(report_id, x.report.publisher, "Agency")
        if x.report.issuer and _is_named_agency(x.report.issuer):
            end_id(report_id, x.report.issuer, "Agency")      # named only by a signature or a cover letter
        own = resolver.own_district(places[report_id])
        for quantity in x.quantities:
            subject = None
            if quantity.subject is not None:
                subject = end_id(report_id, quantity.subject, quantity.subject_type)
            if subject is None and own is not None and quantity.subject_type in ("District", ""):
                subject = end_id(report_id, own, "District")
            resolution.quantities.append(replace(quantity, subject=subject))
    resolution.entities = [entities[eid] for eid in sorted(entities)]
    return resolution


def declared_names(extraction: ReportExtraction) -> list[tuple[Mention, str, str]]:
    """The other names a report declares for its mentions in brackets right after them.

    Returns ``(mention, other name, "short" | "full")`` for 某某科技有限公司(以下简称
    “某某科技”) and 某某科技(全称某某科技有限公司); an agency followed by another
    agency's name in brackets (某市科学技术局(某市工业和信息化局), a merged bureau)
    gives the bracketed name as a "short" one.

    >>> from kg.model import Report, Mention, ReportExtraction
    >>> text = "青禾种业股份有限公司(以下简称“青禾种业”)与市农科院共建实验室。"
    >>> r = Report("d-1", "d", "a.txt", "0", "", text)
    >>> m = Mention("青禾种业股份有限公司", "Enterprise", 0, 10, "s1", "d-1", "Enterprise.suffix")
    >>> [(x.text, name, kind) for x, name, kind in declared_names(ReportExtraction(r, [], [m]))]
    [('青禾种业股份有限公司', '青禾种业', 'short')]
    """
    from kg.extract import load_alias_patterns

    short_after, full_after, types = load_alias_patterns()
    text = extraction.report.text
    found = []
    agencies = {m.start: m for m in extraction.mentions if m.type == "Agency"}
    for mention in extraction.mentions:
        if mention.type not in types:
            continue
        inner = agencies.get(mention.end + 1) if mention.type == "Agency" else None
        if inner is not None and text[mention.end:mention.end + 1] in "((" \
                and text[inner.end:inner.end + 1] in "))" and inner.text != mention.text:
            # 某市科学技术局(某市工业和信息化局): one merged bureau under two names
            found.append((mention, inner.text, "short"))
            continue
        window = text[mention.end:mention.end + 60]
        for pattern, kind in ((short_after, "short"), (full_after, "full")):
            m = pattern.match(window)
            if m and m.group("name") != mention.text:
                found.append((mention, m.group("name"), kind))
    return found


def _merge_declared_names(extractions: list[ReportExtraction], keyed: dict,
                          entity_of: dict[tuple[str, str, str], str]) -> dict[str, tuple[str, str]]:
    """A short name a report declares for a full one (以下简称…, 全称…) is that entity,
    wherever the report uses it; a short name never used again becomes an alias."""
    merged: dict[str, tuple[str, str]] = {}
    by_text: dict[tuple[str, str], set[str]] = defaultdict(set)     # (report, text) → entities
    for (rid, text, _), eid in entity_of.items():
        by_text[(rid, text)].add(eid)
    for x in extractions:
        for mention, other, kind in declared_names(x):
            own = entity_of.get((mention.report_id, mention.text, mention.type))
            if own is None:
                continue
            others = by_text.get((mention.report_id, other), set()) - {own}
            if kind == "short":
                full, shorts = own, others
            else:
                fulls = sorted(others)
                if len(fulls) != 1:
                    continue
                full, shorts = fulls[0], {own}
            for eid in sorted(shorts):
                if eid not in merged and full not in merged:
                    merged[eid] = (full, "declared-name")
            if kind == "short" and not others:
                key = keyed[own][0][1]
                keyed[own].append((Mention(other, mention.type, mention.end, mention.end, mention.sent_id,
                                           mention.report_id, "declared-name"), key))
    return merged


def _is_named_agency(name: str) -> bool:
    """True if ``name`` is one agency with its place written (某某市科学技术局), not a
    context word (区科技局) or a joint issuer (某某区科委、科协)."""
    from kg.extract import default_extractor

    return any(m.type == "Agency" and m.text == name and not m.rule.endswith(".context")
               for m in default_extractor()(name))


def _merge_enterprise_short_names(resolver: Resolver, keyed: dict,
                                  merged_already: dict | None = None) -> dict[str, tuple[str, str]]:
    """Short enterprise names that start exactly one registered name (without place and
    legal form): 某某科技 → 某省某某科技有限公司; else that abbreviate exactly one after
    the same brand: 某感传感 → 某某市某感智能传感科技有限公司.  A registered name without
    its place goes to the one of the same report with it: 某某机械有限公司 → 某省某某机械有限公司."""
    merged: dict[str, tuple[str, str]] = {}
    full_names: dict[str, list[str]] = defaultdict(list)
    for eid, items in keyed.items():
        if eid.startswith("Enterprise/"):
            name = items[0][1].name
            core = resolver.enterprise_core(name)
            if core != name:
                full_names[core].append(eid)
    for eid, items in keyed.items():
        if not eid.startswith("Enterprise/") or eid in (merged_already or {}):
            continue
        name = items[0][1].name
        short = resolver.enterprise_core(name)
        if short != name and resolver.has_legal_form(name):
            # a registered name written without its place (某某机械有限公司) is the one of the
            # same report written with it (某省某某机械有限公司)
            reports = {m.report_id for m, _ in items}
            placed = {t for t in full_names.get(short, ()) if t != eid
                      and keyed[t][0][1].name.endswith(name) and keyed[t][0][1].name != name
                      and reports & {m.report_id for m, _ in keyed[t]}}
            if len(placed) == 1 and not resolver.extractor.place_prefix(name):
                merged[eid] = (placed.pop(), "enterprise-short")
            continue
        if len(short) < 2:
            continue                # a place before a short one (某市某某智算) may go
        targets = {t for core, eids in full_names.items() if core.startswith(short) for t in eids if t != eid}
        if not targets and len(short) >= 4:
            # 某感传感 → 某感智能传感科技有限公司: the brand, then the industry in short
            targets = {t for core, eids in full_names.items()
                       if core[:2] == short[:2] and _is_abbreviation(short, core) for t in eids if t != eid}
        if not targets and all(m.rule.endswith(".joint") for m, _ in items):
            # a party of a joint platform's name runs on into the field (某某磁性材料): its
            # longest start that starts one registered name of the same report
            reports = {m.report_id for m, _ in items}
            for size in range(len(short) - 1, 1, -1):
                targets = {t for core, eids in full_names.items() if core.startswith(short[:size])
                           for t in eids if t != eid and reports & {m.report_id for m, _ in keyed[t]}}
                if targets:
                    break
        if len(targets) == 1:
            merged[eid] = (targets.pop(), "enterprise-short")
    return merged


def _is_abbreviation(short: str, name: str) -> bool:
    """True if ``short`` is ``name``'s abbreviation: its characters in order, the first one first.

    >>> _is_abbreviation("华农大", "华中农业大学"), _is_abbreviation("农大", "华中农业大学")
    (True, False)
    """
    if len(short) >= len(name) or not short or short[0] != name[0]:
        return False
    rest = iter(name)
    return all(ch in rest for ch in short)


def _merge_abbreviations(keyed: dict, merged: dict) -> dict[str, tuple[str, str]]:
    """A party of a joint platform's name written as an abbreviation (甲大—乙联合实验室) is
    the university or institute of the same report it abbreviates (甲大 → 甲某大学)."""
    out: dict[str, tuple[str, str]] = {}
    schools = [(eid, items[0][1].name, {m.report_id for m, _ in items}) for eid, items in keyed.items()
               if eid.startswith(("University/", "ResearchInstitute/"))]
    for eid, items in keyed.items():
        if eid in merged or not all(m.rule.endswith(".joint") for m, _ in items):
            continue
        short = items[0][1].name
        reports = {m.report_id for m, _ in items}
        targets = {t for t, name, where in schools if t != eid and where & reports and _is_abbreviation(short, name)}
        if len(targets) == 1:
            out[eid] = (targets.pop(), "abbreviation")
    return out


def _merge_name_suffixes(keyed: dict, merged: dict) -> dict[str, tuple[str, str]]:
    """Within a report, a programme or policy named by the end of a longer name of the
    same report is that one (登高行动 → 科技企业登高行动, “惠企20条” → “创新发展惠企20条”)."""
    out: dict[str, tuple[str, str]] = {}
    forms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))   # report → eid → names
    for eid, items in keyed.items():
        if eid.startswith(("Programme/", "Policy/")) and eid not in merged:
            for mention, _ in items:
                text = mention.text
                if _INNER_QUOTE.search(text):
                    continue        # “某某”系列大赛 is known by its quoted core, not by its ending
                forms[mention.report_id][eid].add(_QUOTES.sub("", text))
    for report_id in sorted(forms):
        names = forms[report_id]
        for eid in sorted(names):
            if eid in out:
                continue
            type_ = eid.split("/", 1)[0]
            longer = {o for o in names if o != eid and o.startswith(type_ + "/")
                      and any(len(n) >= 3 and len(m) > len(n) and m.endswith(n)
                              for n in names[eid] for m in names[o])}
            if len(longer) == 1:
                target = longer.pop()
                target = out.get(target, (target, ""))[0]
                if target != eid:
                    out[eid] = (target, "name-suffix")
    return out


def _make_entity(eid: str, items: list[tuple[Mention, _Key, str]]) -> Entity:
    written = Counter(m.text for m, _, _ in items)
    keys = [k for _, k, _ in items]
    type_ = eid.split("/", 1)[0]
    canonical = {k.name for k in keys}
    if type_ in ("District", "Agency"):
        name = sorted(canonical, key=lambda n: (-sum(1 for k in keys if k.name == n), n))[0]
    elif type_ == "Programme" and any(k.rule == "programme-kind" for k in keys):
        name = keys[0].name             # 某区科技活动周 is an edition of 科技活动周
    elif type_ == "Designation":       # the canonical kind if written so, else the most frequent form
        written_canonical = [n for n in canonical if n in written]
        name = written_canonical[0] if written_canonical else \
            sorted(written, key=lambda n: (-written[n], -len(n), n))[0]
    else:
        pool = Counter(written)
        if type_ == "Programme":        # 某某计划项目 is the programme 某某计划
            for w in written:
                if _PLAN_PROJECT.search(w):
                    pool[w[:-2]] += written[w]
        name = sorted(pool, key=lambda n: (-len(_QUOTES.sub("", n)) + (2 if n in written and _PLAN_PROJECT.search(n)
                                                                           else 0), -pool[n], n))[0]
    aliases = {w for w in written if w != name}
    if type_ == "Programme":            # “某某”行动 is known by its quoted core 某某 too
        aliases |= {k.name for k in keys if k.name != name and any(_QUOTED.search(w) for w in written)
                    and any(f"“{k.name}”" in w or f'"{k.name}"' in w for w in written)}
    if type_ == "Programme":            # 某某大赛(某某赛区) is a round of 某某大赛
        aliases |= {_CONTEST_REGION.sub("", w) for w in written if _CONTEST_REGION.search(w)} - {name}
    if type_ == "Designation" and any(m.rule.endswith(".list") for m, _, _ in items):
        aliases |= {w + "名单" for w in written}     # 某某企业 written as 某某企业名单
    aliases = tuple(sorted(aliases))
    # the rules that brought in other names: an alias's own rule, or a merge of
    # another entity (whose mentions may well carry the name chosen)
    rules = tuple(sorted({r for m, k, r in items if r and (m.text != name or r != k.rule)}))
    parent = next((k.parent for k in keys if k.parent), None)
    code = next((k.code for k in keys if k.code), None)
    mentions = tuple(sorted((m for m, _, _ in items), key=lambda m: (m.report_id, m.start, m.end)))
    return Entity(eid, type_, name, aliases, mentions, rules, parent, code)


def write_entities_csv(entities: Iterable[Entity], path: str | Path) -> None:
    """Write the entity table: id, type, name, aliases, mentions, reports, merge rules.

    Parameters
    ----------
    entities : resolved entities.
    path : the CSV file to write (UTF-8, one row per entity, sorted by id).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["entity_id", "type", "name", "aliases", "mentions", "reports", "merge_rules"])
    for e in sorted(entities, key=lambda e: e.entity_id):
        reports = sorted({m.report_id for m in e.mentions})
        writer.writerow([e.entity_id, e.type, e.name, "|".join(e.aliases), len(e.mentions),
                         "|".join(reports), "|".join(e.merge_rules)])
    from kg.graph import write_atomic

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, buffer.getvalue().encode("utf-8"))
