"""Relations between the mentions of a sentence, found by trigger words.

``coBuilds`` (A与B共建C, 由A牵头联合B组建C, A联合B、C建设D, A牵头组建C, 依托A建设C,
A-B联合实验室 with its builders' full names, 与B共建C and 引进B共建C by the report's
own district, 区政府 standing for it: every partner → the platform),
``certifiedAs`` (A获批B, A被认定为B, 新增B1家(A), B2家:A1、A2, A“项目”荣获B, A、B分别
获批C和D, a later clause about the sentence's topic: A…正式运行,获评B …: entity →
designation or programme; not a district that only counts its members: 某区3家企业获批B),
``appliesFor`` (组织A申报B, 力争A获批B, any certification written in a plan: an
application or aim, not a certification) and ``locatedIn`` (A落户D, 位于D的A).
Trigger words, self-references (我区) and level prefixes live in
``kg/data/patterns/relations.jsonl``; this module only knows the shapes of the
sentences around them.  :meth:`RelationFinder.match`
finds trigger occurrences, :meth:`RelationFinder.apply` turns them into
:class:`~kg.model.Relation` objects; :func:`extract_relations` runs both.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import regex

from kg.errors import PatternError
from kg.model import Mention, Relation, Report, Sentence
from kg.numbers import find_quantities

__all__ = ["RelationPattern", "TriggerMatch", "RelationFinder", "load_patterns",
           "extract_relations", "find_triggers", "PREDICATES"]

PREDICATES = ("coBuilds", "certifiedAs", "appliesFor", "locatedIn")
FORMS = ("trigger", "joint-name", "both-parties", "topic", "parenthetical", "prize", "self",
         "self-designation", "same-subject", "level", "owner", "self-partner", "aim", "led-by",
         "not-subject", "respectively", "government", "named-after", "listed-as", "refers-back")

#: Who may stand on either side of each predicate.
PARTNER_TYPES = ("Enterprise", "ResearchInstitute", "University", "Agency", "District")
SUBJECT_TYPES = {
    "coBuilds": PARTNER_TYPES,
    "certifiedAs": ("Enterprise", "ResearchInstitute", "University", "Agency", "District",
                    "Platform", "Programme"),
    "appliesFor": ("Enterprise", "ResearchInstitute", "University", "Agency", "District", "Platform"),
    "locatedIn": ("Enterprise", "ResearchInstitute", "University", "Agency", "Platform"),
}
#: Who a naming verb (认定A、B为…) may name.
NAMED_AFTER_TYPES = ("Enterprise", "ResearchInstitute", "University", "Platform")
#: Who a list before 等 and a designation (A、B等高新技术企业) may hold it.
LISTED_AS_TYPES = ("Enterprise", "ResearchInstitute", "University")
OBJECT_TYPES = {
    "coBuilds": ("Platform", "ResearchInstitute"),
    "certifiedAs": ("Designation",),
    "appliesFor": ("Designation",),
    "locatedIn": ("District",),
}

_NEEDS_PATTERN = ("joint-name", "topic", "self-designation", "same-subject", "level", "prize", "owner",
                  "self-partner", "aim", "led-by", "not-subject", "respectively", "government", "named-after",
                  "listed-as", "refers-back")
_CLAUSE_END = ",;。!?:"
_NAMES_ONLY = regex.compile(r"[\s、,和与及等“”\"]*")
#: what closes a list of names that is a sentence's subject: 甲、乙等5家企业 / 甲、乙2家企业
_LIST_CLOSE = regex.compile(r"\s*(?:等|(?:\d+|[两三四五六七八九十]+)家)")
_JOIN = regex.compile(r"^\s*(?:、|和|与|及|以及|同|跟)\s*$|^”[、和及与]?“$")     # A、B; “A”“B” (quoted titles)
#: an open bracket before a position: what stands there is a remark on the name before it
_DECLARING = regex.compile(r"[（(][^（）()]*$")
#: a remark in brackets after a name (以下简称“某某”): no part of the words joining two names
_REMARK = regex.compile(r"^\s*[（(][^（）()]{1,24}[）)]")
#: a person after an organisation's name, then a partner: 某大学张某院士和…, 某所李某团队与…
_AFFILIATION = regex.compile(r"\p{Han}{2,4}(?:院士|教授|博士|研究员|专家)(?:团队)?\s*(?:和|与|及|、|同)")
_PARTNER_JOIN = regex.compile(r"^\s*(?:、|和|与|及|以及|同|跟|联合|携手|会同)\s*$")
_YEAR = regex.compile(r"(?<!\d)(20\d{2})\s*年")
_ANONYMISED = regex.compile(r"XX|xx|Xx|\*\*|某|×")
_COMPETITION_JOIN = regex.compile(r"^\s*(?:\([^()]{1,12}\))?\s*暨\s*$")
_LISTING = regex.compile(r"\s*(?::|,?\s*(?:分别是|分别为|包括|即)\s*:?)\s*")
_OBJECT_LEAD = regex.compile(r"^[了起\s“\"]*$")     # 组建了“某某研究院”: what may precede a led-by object
_NAMED_LEAD = 2           # characters (了, 出) that may stand between a naming verb and the first name
_PRIZE_CLAUSES = 3        # how many clauses before a prize its competition may be named
_TOPIC_LEAD = 4           # characters (新增, 其中 …) that may precede a sentence's topic
_OWNED = regex.compile(r"\p{Han}{0,4}的")    # 某公司承担的项目: the company is not what the sentence is about
_TOPIC_TYPES = ("Enterprise", "ResearchInstitute", "University", "Platform")   # what a paragraph may be about


@dataclass(frozen=True, slots=True)
class RelationPattern:
    """One line of ``relations.jsonl``.

    ``trigger`` is the trigger word; ``close`` a second word that must follow
    in the clause (通过…验收), the object lying between the two; ``programme``
    lets a Programme be the object (入选 a talent programme);
    ``platform_objects`` lets a Platform with a level (省级技术创新中心) be the
    object; ``max_gap`` is how many characters may separate the trigger from
    its object.  ``pattern`` (and ``competition`` for the prize form, ``gap``
    for the named-after form, ``not_after`` for the listed-as form) are regular
    expressions of the forms that need one; ``kinds`` limits a
    pattern to sentences of those section kinds (推动X获批Y is an aim in a
    plan, a success in a summary); ``requires`` lists words one of which a
    sentence must hold for ``pattern`` to be tried (a cheap test before a
    costly expression).
    """

    id: str
    form: str = "trigger"
    predicate: str | None = None
    trigger: str = ""
    close: str = ""
    programme: bool = False
    platform_objects: bool = True
    max_gap: int = 10
    pattern: regex.Pattern | None = None
    competition: regex.Pattern | None = None
    gap: regex.Pattern | None = None   # named-after: what may stand between the names and the designation
    not_after: regex.Pattern | None = None   # listed-as: what may not follow the designation
    level: str | None = None
    kinds: tuple[str, ...] = ()        # the section kinds where the pattern applies; empty: all
    requires: tuple[str, ...] = ()     # words one of which the sentence must hold; empty: none needed

    def may_match(self, text: str) -> bool:
        """False if ``text`` lacks every word the pattern requires (then it cannot match)."""
        return not self.requires or any(w in text for w in self.requires)


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger found in a sentence; offsets index the sentence text."""

    pattern: RelationPattern
    start: int
    end: int
    close_start: int | None = None     # where the close word starts, if the pattern has one


@lru_cache(maxsize=4)
def load_patterns(path: str | None = None) -> tuple[RelationPattern, ...]:
    """Read the relation patterns: ``path``, or ``kg/data/patterns/relations.jsonl``.

    Raises :class:`~kg.errors.PatternError` naming the line and the valid
    options when a pattern is malformed.
    """
    source = Path(path) if path else resources.files("kg") / "data" / "patterns" / "relations.jsonl"
    patterns = []
    for n, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PatternError(f"relations.jsonl line {n}: not JSON: {exc}") from exc
        form = data.get("form", "trigger")
        predicate = data.get("predicate")
        if form not in FORMS:
            raise PatternError(f"relations.jsonl line {n}: unknown form {form!r}; valid: {', '.join(FORMS)}")
        if form in ("trigger", "joint-name", "both-parties", "parenthetical", "prize", "aim", "led-by",
                    "named-after", "listed-as") \
                and predicate not in PREDICATES:
            raise PatternError(f"relations.jsonl line {n}: unknown predicate {predicate!r}; "
                               f"valid: {', '.join(PREDICATES)}")
        if not data.get("id") or (form in ("trigger", "both-parties", "self") and not data.get("trigger")) \
                or (form in _NEEDS_PATTERN and not data.get("pattern")) \
                or (form == "prize" and not data.get("competition")) \
                or (form == "named-after" and not data.get("gap")):
            raise PatternError(f"relations.jsonl line {n}: form {form!r} needs 'id' and "
                               f"{'pattern' if form in _NEEDS_PATTERN else 'trigger'}"
                               f"{' and competition' if form == 'prize' else ''}")
        try:
            compiled = regex.compile(data["pattern"]) if data.get("pattern") else None
            competition = regex.compile(data["competition"]) if data.get("competition") else None
            gap = regex.compile(data["gap"]) if data.get("gap") else None
            not_after = regex.compile(data["not_after"]) if data.get("not_after") else None
        except regex.error as exc:
            raise PatternError(f"relations.jsonl line {n}: bad pattern: {exc}") from exc
        patterns.append(RelationPattern(
            id=data["id"], form=form, predicate=predicate, trigger=data.get("trigger", ""),
            close=data.get("close", ""), programme=bool(data.get("programme", False)),
            platform_objects=bool(data.get("platform_objects", True)),
            max_gap=int(data.get("max_gap", 10)), pattern=compiled, competition=competition, gap=gap,
            not_after=not_after,
            level=data.get("level"), kinds=tuple(data.get("kinds", ())), requires=tuple(data.get("requires", ()))))
    return tuple(patterns)


def _clause(text: str, pos: int) -> tuple[int, int]:
    """The clause of ``text`` holding ``pos``: between two of ,;。!?:"""
    start = max(text.rfind(p, 0, pos) for p in _CLAUSE_END) + 1
    ends = [i for i in (text.find(p, pos) for p in _CLAUSE_END) if i >= 0]
    return start, min(ends, default=len(text))


@dataclass(slots=True)
class _Local:
    """A mention with offsets into its sentence."""

    mention: Mention
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.mention.text

    @property
    def type(self) -> str:
        return self.mention.type


def _untangle(mentions: list[_Local], triggers: list[TriggerMatch]) -> tuple[list[_Local], list[TriggerMatch]]:
    """Settle overlaps of mentions and trigger words.

    A trigger inside a name (青山共建服务中心) is part of the name and is
    dropped; a mention that starts or ends inside a trigger word
    (取得自治区级重点实验室) is a bad span and is dropped.
    """
    inside = lambda t, m: m.start < t.start and t.end <= m.end
    triggers = [t for t in triggers if not any(inside(t, m) for m in mentions)]
    mentions = [m for m in mentions if not any(m.start < t.end and t.start < m.end for t in triggers)]
    return mentions, triggers


@dataclass
class RelationFinder:
    """Finds relations in the sentences of one report.

    Build it with :meth:`for_report`; :meth:`match` lists the triggers of a
    sentence, :meth:`apply` turns them into relations.
    """

    report: Report
    patterns: tuple[RelationPattern, ...] = field(default_factory=load_patterns)
    report_types: dict[str, str] = field(default_factory=dict)
    standalone: frozenset[str] = frozenset()       # mention texts written outside any other mention

    def __post_init__(self) -> None:
        by_form: dict[str, list[RelationPattern]] = {}
        for p in self.patterns:
            by_form.setdefault(p.form, []).append(p)
        self._by_form = by_form
        self._triggers: dict[str, list[RelationPattern]] = {}
        for p in by_form.get("trigger", []):
            self._triggers.setdefault(p.trigger, []).append(p)
        # Longest first, so the alternation matches the longest trigger at each position.
        words = sorted(self._triggers, key=lambda w: (-len(w), w))
        self._trigger_pattern = re.compile("|".join(map(re.escape, words))) if words else None
        self._selves = tuple(p.trigger for p in by_form.get("self", []))
        self._parties = by_form.get("both-parties", [])

    @classmethod
    def for_report(cls, report: Report, mentions: list[Mention]) -> RelationFinder:
        """A finder for ``report`` that knows the types of all its mentions."""
        types: dict[str, str] = {}
        for m in mentions:
            types.setdefault(m.text, m.type)
        return cls(report, report_types=types, standalone=_standalone(mentions))

    # ------------------------------------------------------------ match

    def match(self, text: str) -> list[TriggerMatch]:
        """Find the trigger words of a sentence, longest first, left to right."""
        found = []
        if self._trigger_pattern is None:
            return found
        for hit in self._trigger_pattern.finditer(text):
            i, end, word = hit.start(), hit.end(), hit.group()
            _, clause_end = _clause(text, i)
            chosen = None
            for p in self._triggers[word]:
                if p.close:
                    j = text.find(p.close, end, clause_end)
                    if j >= 0 and (chosen is None or chosen[1] is None or j < chosen[1]):
                        chosen = (p, j)
                elif chosen is None:
                    chosen = (p, None)
            if chosen is not None:
                found.append(TriggerMatch(chosen[0], i, end, chosen[1]))
        return found

    # ------------------------------------------------------------ apply

    def apply(self, sentence: Sentence, mentions: list[Mention], triggers: list[TriggerMatch],
              previous: list[Mention] = (), topic: tuple[tuple[str, str], ...] = ()) -> list[Relation]:
        """Turn the triggers of a sentence into relations between its mentions.

        ``previous`` are the mentions of the sentence before (for 双方); ``topic`` is
        what the sentences before are about (see :meth:`topic_of`), the subject of
        a certification whose sentence names none (…。先后荣获A、B等称号).
        """
        local, triggers = _untangle(self._locals(sentence, mentions), triggers)
        outer = [m for m in local if not any(o is not m and o.start <= m.start and m.end <= o.end
                                             and (o.start, o.end) != (m.start, m.end) for o in local)]
        out: list[Relation] = []
        subjects: list[tuple[str, str]] = []      # of the last certification, for 并入选…
        for t in triggers:
            if t.pattern.predicate == "coBuilds":
                out += self._co_builds(sentence, outer, t, previous)
            elif t.pattern.predicate == "locatedIn":
                out += self._located(sentence, outer, t)
            else:
                found, subjects = self._certified(sentence, outer, t, subjects, topic)
                out += found
        out += self._bracketed(sentence, outer, triggers)
        out += self._joint_names(sentence, local, outer)
        out += self._led_by(sentence, outer)
        out += self._named_after(sentence, outer)
        out += self._listed_as(sentence, outer)
        seen, unique = set(), []
        for r in out:
            key = (r.subject, r.predicate, r.object)
            if key not in seen and r.subject != r.object:
                seen.add(key)
                unique.append(r)
        return unique

    def _locals(self, sentence: Sentence, mentions: list[Mention]) -> list[_Local]:
        out = []
        for m in mentions:
            start, end = m.start - sentence.start, m.end - sentence.start
            if m.rule.endswith(".declared") and _DECLARING.search(sentence.text, max(0, start - 8), start):
                continue                    # the short name a bracket declares (以下简称“某某”) is no party there
            if 0 <= start < end <= len(sentence.text):
                out.append(_Local(m, start, end))
        return sorted(out, key=lambda m: (m.start, -m.end))

    def _relation(self, sentence: Sentence, pattern_id: str, predicate: str, subject: str,
                  subject_type: str, obj: _Local, year: int | None) -> Relation:
        return Relation(
            subject=subject, predicate=predicate, object=obj.text, sent_id=sentence.sent_id,
            report_id=sentence.report_id, evidence=sentence.text, start=sentence.start,
            end=sentence.end, rule=pattern_id, subject_type=subject_type, object_type=obj.type,
            level=self.level(obj.text) if predicate in ("certifiedAs", "appliesFor") else None,
            year=year)

    def level(self, name: str) -> str | None:
        """The level a designation name states (国家级, 省级, 市级 …), from the level patterns."""
        for p in self._by_form.get("level", []):
            if p.pattern.search(name):
                return p.level
        return None

    def _year(self, text: str, clause_start: int, pos: int) -> int | None:
        years = list(_YEAR.finditer(text, clause_start, pos))
        if not years:
            years = list(_YEAR.finditer(text, 0, min(pos, 12)))
        return int(years[-1].group(1)) if years else None

    def _object_ok(self, m: _Local, predicate: str, pattern: RelationPattern | None = None) -> bool:
        if _ANONYMISED.search(m.text):
            return False
        if m.type in OBJECT_TYPES[predicate]:
            return True
        if predicate in ("certifiedAs", "appliesFor"):
            if m.type == "Programme":
                return pattern is not None and pattern.programme
            return m.type == "Platform" and (pattern is None or pattern.platform_objects) \
                and self.level(m.text) is not None
        return False

    def _chain_after(self, text: str, first: _Local, candidates: list[_Local], ok,
                     join: regex.Pattern = None) -> list[_Local]:
        chain = [first]
        for m in candidates:
            if m.start >= chain[-1].end and (join or _JOIN).match(_REMARK.sub("", text[chain[-1].end:m.start])):
                if ok(m):
                    chain.append(m)
                else:
                    break
        return chain

    def _chain_before(self, text: str, last: _Local, candidates: list[_Local], ok,
                      join: regex.Pattern = None) -> list[_Local]:
        chain = [last]
        for m in reversed(candidates):
            if m.end <= chain[0].start and (join or _JOIN).match(_REMARK.sub("", text[m.end:chain[0].start])):
                if ok(m):
                    chain.insert(0, m)
                else:
                    break
        return chain

    def _objects(self, text: str, outer: list[_Local], t: TriggerMatch, clause_end: int,
                 predicate: str) -> list[_Local]:
        ok = lambda m: self._object_ok(m, predicate, t.pattern)
        if t.close_start is not None:
            close_end = t.close_start + len(t.pattern.close)    # the name may include it: 拟上市企业名单
            between = [m for m in outer if t.end <= m.start and m.end <= close_end and ok(m)]
            if between:
                return between
            if text.startswith("的", close_end):
                # 通过省科技厅认定的省级…企业: the designation follows the close word
                after = [m for m in outer if m.start >= close_end + 1 and m.end <= clause_end]
                if after and after[0].start == close_end + 1 and ok(after[0]):
                    return self._chain_after(text, after[0], after, ok)
            # 列入重点项目名单 after naming the 某省…重点项目 earlier: the short form refers back
            short = text[t.end:t.close_start].strip().lstrip("该上述此").strip("“”\"")
            earlier = [m for m in outer if m.end <= t.start and ok(m) and len(short) >= 2
                       and m.text.strip("“”\"").endswith(short)]
            return earlier[-1:]
        after = [m for m in outer if m.start >= t.end and m.end <= clause_end]
        first = next((m for m in after if ok(m)), None)
        if first is None or first.start - t.end > t.pattern.max_gap:
            return []
        if predicate == "coBuilds":
            # 共建的甲工作站、乙研究院某院士与丙公司共建的…: a built thing of another kind opens
            # the next co-building, not this one's list
            return self._chain_after(text, first, after, lambda m: ok(m) and m.type == first.type)
        return self._chain_after(text, first, after, ok)

    def _prize_objects(self, text: str, outer: list[_Local], t: TriggerMatch, clause_end: int,
                       objects: list[_Local]) -> tuple[list[_Local], str]:
        """A prize won (荣获…三等奖) certifies the winner as the competition named before."""
        for p in self._by_form.get("prize", []):
            if not t.pattern.programme:
                break
            kept = [o for o in objects if not p.pattern.search(o.text)]
            if kept or not p.pattern.search(text, t.end, clause_end):
                return kept, t.pattern.id
            competitions = [m for m in outer if m.end <= t.start and p.competition.search(m.text)
                            and m.type in ("Programme", "Designation") and not _ANONYMISED.search(m.text)]
            reach = _clause(text, t.start)[0]
            for _ in range(_PRIZE_CLAUSES):                  # 参加A大赛,进入决赛,其中B荣获…: near clauses only
                reach = _clause(text, reach - 1)[0] if reach > 0 else 0
            if not competitions or competitions[-1].start < reach:
                # no competition named near: an award with a name of its own (中国专利优秀奖) stands
                return [o for o in objects if not p.pattern.fullmatch(o.text.strip("“”"))], t.pattern.id
            chain = [competitions[-1]]                  # 第N届全国大赛(某某赛区)暨第N届省大赛: both
            for m in reversed(competitions[:-1]):
                if not _COMPETITION_JOIN.match(text[m.end:chain[0].start]):
                    break
                chain.insert(0, m)
            return chain, p.id
        return objects, t.pattern.id

    def _self_subject(self) -> tuple[str, str] | None:
        """The report's own district as a subject: its name, or else the way the
        report refers to itself (我区), so that resolution finds it among the mentions."""
        district = self.report.district
        if not district or _ANONYMISED.search(district):
            return None
        if district not in self.report_types:
            written = [s for s in self._selves if self.report_types.get(s) == "District"]
            if written:
                return written[0], "District"
        return district, "District"

    def _certified(self, sentence: Sentence, outer: list[_Local], t: TriggerMatch,
                   last_subjects: list[tuple[str, str]], topic: tuple[tuple[str, str], ...] = ()
                   ) -> tuple[list[Relation], list[tuple[str, str]]]:
        """certifiedAs / appliesFor of one trigger; returns the relations and their subjects."""
        text = sentence.text
        pred = t.pattern.predicate
        clause_start, clause_end = _clause(text, t.start)
        objects = self._objects(text, outer, t, clause_end, pred)
        objects, rule = self._prize_objects(text, outer, t, clause_end, objects)
        ok = lambda m: m.type in SUBJECT_TYPES[pred] and not _ANONYMISED.search(m.text)
        before = [m for m in outer if clause_start <= m.start and m.end <= t.start]
        reach = t.start
        if rule != t.pattern.id and objects:           # a prize: the winner is not in the competition's name
            before = [m for m in before if not objects[0].start <= m.start < objects[-1].end]
            reach = min(t.start, max(objects[0].start, clause_start))
        # 被科技部认定为, 获某厅发文表扬为: the body after 被/获/经 is the one that certifies;
        # 在全省…考核中: a place after 在 is where, not who
        before = [m for m in before if not self._certifier(text, m, t.start)
                  and not (m.type == "District" and text[m.start - 1:m.start] == "在")]
        if rule != t.pattern.id:                       # 某某赛区: the place of the competition, not a winner
            before = [m for m in before if not self._matches("not-subject", "region", text[m.end:m.end + 4])]
        nearest = next((m for m in reversed(before) if m.type != "Designation"), None)
        # 某区3家企业获批…: the district (or agency) only counts its members; none is named
        members = nearest is not None and nearest.type in ("District", "Agency") \
            and self._matches("not-subject", "members", text[nearest.end:t.start])
        subjects: list[tuple[str, str]] = []
        gap = text[clause_start:t.start]
        if nearest is not None and ok(nearest) and reach - nearest.end <= 30:
            # a self-reference (我区) stays as written: resolution maps it to the report's district
            chain = self._chain_before(text, nearest, before, ok)
            owners = self._owners(text, chain[0], before)
            subjects = [(m.text, m.type) for m in owners + chain]
        elif nearest is None and last_subjects and any(
                p.pattern.search(gap) for p in self._by_form.get("same-subject", [])):
            subjects = list(last_subjects)
        elif nearest is None and pred == "certifiedAs" and self._self_subject() and objects and (
                any(s in gap for s in self._selves) or any(
                    p.pattern.search(objects[0].text.strip("“”\"")) for p in self._by_form.get("self-designation", []))):
            subjects.append(self._self_subject())
        elif nearest is None and objects and clause_start > 0 and any(
                p.pattern.search(gap) for p in self._by_form.get("same-subject", [])):
            subjects = [(m.text, m.type) for m in self._topic(text, outer, ok)]
        elif nearest is None and objects and clause_start == 0 and topic and not before and any(
                p.pattern.search(gap) for p in self._by_form.get("same-subject", [])) \
                and not self._matches("not-subject", "counted", text[objects[-1].end:objects[-1].end + 6]):
            subjects = list(topic)                      # …。先后荣获A、B: what the sentences before are about
        if members:
            subjects = []
        if objects and all(st == "District" for _, st in subjects) \
                and self._matches("not-subject", "counted", text[objects[-1].end:objects[-1].end + 6]):
            subjects = []                               # 某区获批国家级孵化器1家: a count, not the district's title
        year = self._year(text, clause_start, t.start)
        # in a plan, an aim anywhere before the trigger governs it (力争到2025年,A获批B)
        scope = text[:t.start] if sentence.kind == "plan" else gap
        aim = next((p for p in self._by_form.get("aim", [])
                    if p.pattern.search(scope) and (not p.kinds or sentence.kind in p.kinds)), None)
        # only the aim a plan's sentence has as such (pattern ^), never a word of aim such as 力争
        if aim is not None and aim.pattern.pattern == "^" and self._stated_as_done(text, clause_start, t.start):
            aim = None                                  # a plan's review: A于2023年被认定为B, A成功入选B
        if aim is not None and pred == "certifiedAs":     # 力争X获批Y: a goal, not (yet) a certification
            rule, pred = aim.id, aim.predicate
        if len(subjects) == len(objects) > 1 and self._matches("respectively", None, text[clause_start:clause_end]):
            pairs = list(zip(subjects, objects))       # A、B分别获批C和D
        else:
            pairs = [(s, o) for s in subjects for o in objects]
        found = [self._relation(sentence, rule, pred, s, st, o, year) for (s, st), o in pairs]
        return found, (subjects or last_subjects)

    @staticmethod
    def _certifier(text: str, m: _Local, trigger: int) -> bool:
        """Is ``m`` the body that certifies (被科技部认定为, 获某厅发文表扬为, 经市政府批准为):
        written after 被/获/经 and at most a short verb (通报, 发文) before the trigger?"""
        gap = text[m.end:trigger].strip()
        marker = text[m.start - 1:m.start]
        if marker == "被":
            return not gap
        return marker in ("获", "经") and m.type == "Agency" and len(gap) <= 4 and not any(p in gap for p in "、,;")

    def _stated_as_done(self, text: str, clause_start: int, trigger: int) -> bool:
        """True if a plan's sentence states a certification as done: 成功/已 right before
        the verb (成功入选), or a year before the plan's own anywhere before it (2024年,…获批,
        于2023年被认定为)."""
        from kg.quantities import period_start, plan_year

        before = text[clause_start:trigger]
        if _DONE_BEFORE.search(before) or text.startswith(("成功", "已"), trigger):
            return True                                 # (成功入选 is one trigger)
        first = plan_year(self.report) or period_start(self.report)
        years = [int(y) for y in _YEAR.findall(text, 0, trigger)]      # 2024年,…获批: the sentence's year
        return bool(first and years and max(years) < first)

    def _matches(self, form: str, pattern_id_end: str | None, text: str) -> bool:
        """Does a pattern of ``form`` (whose id ends with ``pattern_id_end``, if given) match ``text``?"""
        return any(p.pattern.search(text) for p in self._by_form.get(form, [])
                   if pattern_id_end is None or p.id.endswith(pattern_id_end))

    def _owners(self, text: str, project: _Local, before: list[_Local]) -> list[_Local]:
        """The bodies a prized project belongs to: A(参与完成的)“P”项目荣获… → A;
        A、B联合完成的“P”项目荣获… → A and B."""
        if project.type != "Programme":
            return []
        ok = lambda m: m.type in PARTNER_TYPES and m.type != "District" and not _ANONYMISED.search(m.text)
        owner = next((m for m in reversed(before) if m.end <= project.start), None)
        if owner is None or not ok(owner):
            return []
        between = text[owner.end:project.start]
        if not any(p.pattern.match(between) for p in self._by_form.get("owner", [])):
            return []
        return self._chain_before(text, owner, [m for m in before if m.end <= owner.start], ok)

    def _with_self(self, text: str, partners: list[tuple[str, str]], outer: list[_Local], clause_start: int,
                   trigger: TriggerMatch) -> list[tuple[str, str]]:
        """与B共建C with nobody before 与: the report's own district builds C with B; so too
        in 与B签订协议,合作共建C."""
        me = self._self_subject()
        opening = self._by_form.get("self-partner", [])
        opens = lambda start, m: any(p.pattern.match(text[start:m.start]) for p in opening)
        if me is None:
            return partners
        names = [n for n, _ in partners]
        first = next((m for m in outer if m.text in names and clause_start <= m.start < trigger.start), None)
        if partners and first is not None and opens(clause_start, first):
            # A与B共建C,与D共建E: A, the sentence's subject, builds E too
            head = next((m for m in outer if m.start <= _TOPIC_LEAD), None) if clause_start > 0 else None
            if head is not None and head.end <= clause_start and head.type in PARTNER_TYPES \
                    and head.type != "District" and not _ANONYMISED.search(head.text) \
                    and _PARTNER_JOIN.match(text[head.end:head.end + 1]):
                return [(head.text, head.type), *partners]
            return [me, *partners]
        gap = text[clause_start:trigger.start]
        if partners or clause_start == 0 or not any(
                p.pattern.search(gap) for p in self._by_form.get("same-subject", [])):
            return partners
        previous_start, _ = _clause(text, clause_start - 1)
        partner = next((m for m in outer if previous_start <= m.start < clause_start), None)
        if partner is not None and partner.type in PARTNER_TYPES and partner.type != "District" \
                and opens(previous_start, partner):
            return [me, (partner.text, partner.type)]
        return partners

    def _previous_pair(self, text: str, outer: list[_Local], clause_start: int, gap: str,
                       partner) -> list[tuple[str, str]]:
        """A与B签订协议,共同建设C: the parties joined at the head of the clause before build C."""
        if clause_start == 0 or not any(p.pattern.search(gap) for p in self._by_form.get("same-subject", [])):
            return []
        previous_start, _ = _clause(text, clause_start - 1)
        named = [m for m in outer if previous_start <= m.start and m.end < clause_start]
        if not named or not partner(named[0]) or not any(
                p.pattern.match(text[previous_start:named[0].start]) for p in self._by_form.get("topic", [])):
            return []
        chain = self._chain_after(text, named[0], named[1:], partner, _PARTNER_JOIN)    # A携手B,合作共建C
        return [(m.text, m.type) for m in chain] if len(chain) >= 2 else []

    def _government(self, name: str, kind: str) -> tuple[str, str]:
        """A builder that is the government of the report's own district named by its
        level only (区政府, 县人民政府) is the district; a named one (某某区人民政府) stays."""
        me = self._self_subject()
        if kind != "Agency" or me is None:
            return name, kind
        for p in self._by_form.get("government", []):
            m = p.pattern.fullmatch(name)
            if m and len(m.group("place")) <= 1:
                return me
        return name, kind

    def topic_of(self, sentence: Sentence, mentions: list[Mention],
                 carried: tuple[tuple[str, str], ...] = ()) -> tuple[tuple[str, str], ...]:
        """What a sentence is about, for the subjectless sentence after it.

        Takes the sentence, its mentions and the topic carried into it; returns
        the first organisation or platform that opens one of its clauses (作为…,
        某某公司多年来…), else ``carried`` if the sentence refers back to it
        (目前,公司…), else nothing.
        """
        text = sentence.text
        for m in self._locals(sentence, mentions):
            clause_start, _ = _clause(text, m.start)
            if m.type in _TOPIC_TYPES and m.start - clause_start <= _TOPIC_LEAD \
                    and not _ANONYMISED.search(m.text) \
                    and not text.startswith(("、", "和", "与", "及"), m.end) \
                    and not _OWNED.match(text, m.end):
                return ((m.text, m.type),)
        if carried and self._matches("refers-back", None, text):
            return carried
        return ()

    def _topic(self, text: str, outer: list[_Local], ok) -> list[_Local]:
        """What the sentence is about, for a later clause without a subject of its own:
        the head of its first clause (A与B共建的C正式运行,获评… → C; 新增C,获批… → C;
        我市A和B通过评审,获批… → A and B; A、B等5家企业经过培育,已通过… → A and B)."""
        _, first_end = _clause(text, 0)
        first = [m for m in outer if m.end <= first_end and m.type != "Designation"]
        head = next((m for m in reversed(first) if text[m.start - 1:m.start] == "的"), None)
        if head is None and len(first) > 1 and first[0].start <= _TOPIC_LEAD and first[0].text in self._selves \
                and first[1].start == first[0].end and ok(first[1]):
            chain = self._chain_after(text, first[1], first[2:], ok)      # 我市A和B: the report's own A and B
            if text[chain[-1].end:chain[-1].end + 1] != "的":
                return chain
        if head is None and first and first[0].start <= _TOPIC_LEAD and ok(first[0]) \
                and text[first[0].end:first[0].end + 1] == "、":
            chain = self._chain_after(text, first[0], first[1:], ok)
            if len(chain) > 1 and _LIST_CLOSE.match(text, chain[-1].end):
                return chain        # 甲、乙等5家企业经过培育,已通过…: the listed ones
        if head is None and first and first[0].start <= _TOPIC_LEAD \
                and not _PARTNER_JOIN.match(text[first[0].end:first[0].end + 1]):
            head = first[0]
        return [head] if head is not None and ok(head) else []

    def _located(self, sentence: Sentence, outer: list[_Local], t: TriggerMatch) -> list[Relation]:
        text = sentence.text
        clause_start, clause_end = _clause(text, t.start)
        places = self._objects(text, outer, t, clause_end, "locatedIn")
        if not places:
            return []
        ok = lambda m: m.type in SUBJECT_TYPES["locatedIn"] and not _ANONYMISED.search(m.text)
        before = [m for m in outer if clause_start <= m.start and m.end <= t.start]
        subjects = []
        if before and ok(before[-1]) and t.start - before[-1].end <= 6:
            subjects = self._chain_before(text, before[-1], before, ok)
        else:                                            # 位于D的E
            place = places[-1]
            rest = text[place.end:clause_end]
            if rest.startswith("的"):
                after = [m for m in outer if m.start > place.end and m.start - place.end <= 3]
                subjects = [m for m in after[:1] if ok(m)]
        return [self._relation(sentence, t.pattern.id, "locatedIn", s.text, s.type, places[0], None)
                for s in subjects]

    def _co_builds(self, sentence: Sentence, outer: list[_Local], t: TriggerMatch,
                   previous: list[Mention]) -> list[Relation]:
        text = sentence.text
        clause_start, clause_end = _clause(text, t.start)
        objects = self._objects(text, outer, t, clause_end, "coBuilds")
        before = [m for m in outer if clause_start <= m.start and m.end <= t.start]
        if not objects:                                  # C由A和B共建
            objects = [m for m in before if self._object_ok(m, "coBuilds")      # C(新型研发机构)由…
                       and _REMARK.sub("", text[m.end:m.end + 30]).startswith("由")][:1]
            before = [m for m in before if objects and m.start >= objects[0].end]
        if not objects:
            return []
        partner = lambda m: m.type in PARTNER_TYPES and not _ANONYMISED.search(m.text) \
            and (m.text not in self._selves or _joined(text, m))
        partners = self._partners(text, before, clause_start, t.start, partner)
        if not partners:
            partners = self._previous_pair(text, outer, clause_start, text[clause_start:t.start], partner)
        partners = self._with_self(text, partners, outer, clause_start, t)
        partners = [self._government(name, kind) for name, kind in partners]
        for ref in self._parties:
            pos = text.find(ref.trigger, clause_start, t.start)
            if pos >= 0:
                named = [(m.text, m.type) for m in previous if m.type in PARTNER_TYPES]
                named += [(m.text, m.type) for m in outer if m.end <= pos and partner(m)]
                distinct: list[tuple[str, str]] = []
                for name in reversed(named):
                    if name not in distinct:
                        distinct.append(name)
                partners = list(reversed(distinct[:2])) if len(distinct) >= 2 else []
        year = self._year(text, clause_start, t.start)
        return [self._relation(sentence, t.pattern.id, "coBuilds", s, st, o, year)
                for s, st in partners for o in objects]

    def _partners(self, text: str, before: list[_Local], clause_start: int, trigger: int,
                  partner) -> list[tuple[str, str]]:
        """The builders before a coBuilds trigger: the nearest one and those joined to it
        (A、B与C共建), plus the topic that opens the clause (A开展…并与B共建)."""
        nearest = next((m for m in reversed(before) if partner(m)), None)
        if nearest is None or len(_REMARK.sub("", text[nearest.end:trigger])) > 12:
            return []               # near enough, a remark after the name aside: A(以下简称“B”)合作共建
        chain = self._chain_before(text, nearest, before, partner, _PARTNER_JOIN)
        topic = next((m for m in before if partner(m)), None)
        built_between = topic is not None and any(
            topic.end <= m.start and m.end <= chain[0].start and self._object_ok(m, "coBuilds") for m in before)
        if topic is not None and _AFFILIATION.match(text, topic.end):
            topic = None                # 某大学张某院士和某公司共建: the university only says where the academician works
        if topic is not None and topic not in chain and not built_between and any(
                p.pattern.match(text[clause_start:topic.start]) for p in self._by_form.get("topic", [])):
            chain.insert(0, topic)      # (not when a thing built stands between: A与B共建的C、D与E共建的F)
        return [(m.text, m.type) for m in chain]

    def _bracketed(self, sentence: Sentence, outer: list[_Local], triggers: list[TriggerMatch]) -> list[Relation]:
        """新增国家级孵化器1家(某某孵化器), 组建首家省实验室——某某实验室: the named one is
        certified (or applies, after 申报)."""
        patterns = self._by_form.get("parenthetical", [])
        if not patterns:
            return []
        text = sentence.text
        out = []
        for d in outer:
            if not self._object_ok(d, "certifiedAs"):
                continue
            opening = _bracket_after(text, d.end)
            close = text.find(")", opening) if opening is not None else -1
            if opening is not None and text[opening - 1] == "—":      # …——A,
                close = min((i for i in (text.find(p, opening) for p in ",;。") if i >= 0), default=len(text))
            elif opening is not None and text[opening - 1] != "(":    # …2家:A、B。
                close = min((i for i in (text.find(p, opening) for p in ";。") if i >= 0), default=len(text))
            if close < 0:
                continue
            inner = [x for x in outer if opening <= x.start and x.end <= close]
            rest = text[opening:close]
            for x in reversed(inner):
                rest = rest[:x.start - opening] + rest[x.end - opening:]
            if not inner or not _NAMES_ONLY.fullmatch(rest) or any(
                    x.type not in SUBJECT_TYPES["certifiedAs"] or x.type == "Programme"
                    or x.text in self._selves or _ANONYMISED.search(x.text) for x in inner):
                continue
            clause_start, _ = _clause(text, d.start)
            applied = [t for t in triggers if clause_start <= t.start < d.start
                       and t.pattern.predicate in ("appliesFor", "certifiedAs")]
            pattern_id, pred = patterns[0].id, "certifiedAs"
            if applied and applied[-1].pattern.predicate == "appliesFor":
                pattern_id, pred = applied[-1].pattern.id, "appliesFor"
            plan = next((p for p in self._by_form.get("aim", []) if sentence.kind in p.kinds
                         and p.pattern.search(text[:d.start])), None)
            if pred == "certifiedAs" and plan is not None:     # 力争新增…2家(A、B): an aim
                pattern_id, pred = plan.id, plan.predicate
            year = self._year(text, clause_start, d.start)
            out += [self._relation(sentence, pattern_id, pred, x.text, x.type, d, year) for x in inner]
        return out

    def _named_after(self, sentence: Sentence, outer: list[_Local]) -> list[Relation]:
        """认定A、B等8家省瞪羚企业; 认定A、B 2家企业为省独角兽企业: the verb names the
        certified after it, then the designation."""
        text, out = sentence.text, []
        ok = lambda m: m.type in NAMED_AFTER_TYPES and not _ANONYMISED.search(m.text)
        for p in self._by_form.get("named-after", []):
            for match in p.pattern.finditer(text):
                clause_start, clause_end = _clause(text, match.start())
                after = [m for m in outer if m.start >= match.end() and m.end <= clause_end]
                if not after or not ok(after[0]) or after[0].start - match.end() > _NAMED_LEAD:
                    continue
                chain = self._chain_after(text, after[0], after, ok)
                obj = next((m for m in after if m.start >= chain[-1].end), None)
                if obj is None or not self._object_ok(obj, "certifiedAs") \
                        or not p.gap.fullmatch(text[chain[-1].end:obj.start]):
                    continue
                rule, pred = p.id, p.predicate
                scope = text[:match.start()] if sentence.kind == "plan" else text[clause_start:match.start()]
                aim = next((a for a in self._by_form.get("aim", [])
                            if a.pattern.search(scope) and (not a.kinds or sentence.kind in a.kinds)), None)
                if aim is not None:                  # 力争认定A为B: a goal, not a certification
                    rule, pred = aim.id, aim.predicate
                year = self._year(text, clause_start, match.start())
                out += [self._relation(sentence, rule, pred, m.text, m.type, obj, year) for m in chain]
        return out

    def _listed_as(self, sentence: Sentence, outer: list[_Local]) -> list[Relation]:
        """A、B等高新技术企业: the names listed before 等 and a designation hold it
        (a fact where the text reports one; the pattern's ``kinds`` leave plans out)."""
        text, out = sentence.text, []
        # a platform listed before its own kind (A实验室、B中心等9家市级平台) only repeats its name
        ok = lambda m: m.type in LISTED_AS_TYPES and not _ANONYMISED.search(m.text)
        for p in self._by_form.get("listed-as", []):
            if p.kinds and sentence.kind not in p.kinds:
                continue
            for i, obj in enumerate(outer):
                if i == 0 or obj.type != "Designation" or not self._object_ok(obj, p.predicate):
                    continue
                last = outer[i - 1]
                if not ok(last) or not p.pattern.fullmatch(text[last.end:obj.start]) \
                        or (p.not_after is not None and p.not_after.match(text, obj.end)):
                    continue
                chain = self._chain_before(text, last, outer[:i - 1], ok)
                year = self._year(text, _clause(text, obj.start)[0], obj.start)
                out += [self._relation(sentence, p.id, p.predicate, m.text, m.type, obj, year) for m in chain]
        return out

    def _led_by(self, sentence: Sentence, outer: list[_Local]) -> list[Relation]:
        """由A牵头,联合B、C等单位组建D; A联合B、C建设D; A牵头组建D; 依托A建设D: the
        leader (the last named before 联合, with those joined to it) and every partner build D."""
        text, out, seen = sentence.text, [], set()
        partner = lambda m: m.type in PARTNER_TYPES and not _ANONYMISED.search(m.text) \
            and (m.text not in self._selves or _joined(text, m)) \
            and not _DECLARING.search(text, max(0, m.start - 8), m.start)    # 甲研究所(某某所): a remark
        for p in self._by_form.get("led-by", []):
            if not p.may_match(text):
                continue
            for match in p.pattern.finditer(text):
                obj = next((m for m in outer if m.start >= match.end()
                            and _OBJECT_LEAD.match(text[match.end():m.start])), None)
                if obj is None or not self._object_ok(obj, "coBuilds"):
                    continue
                lead = [m for m in outer if match.start("lead") <= m.start and m.end <= match.end("lead")]
                last = next((m for m in reversed(lead) if partner(m)), None)
                builders = self._chain_before(text, last, lead, partner, _PARTNER_JOIN) if last else []
                if "partners" in p.pattern.groupindex and match.start("partners") >= 0:
                    builders += [m for m in outer if match.start("partners") <= m.start
                                 and m.end <= match.end("partners") and partner(m)]
                year = self._year(text, _clause(text, match.start())[0], match.start())
                for name, kind in (self._government(m.text, m.type) for m in builders):
                    if (name, obj.text) not in seen:
                        seen.add((name, obj.text))
                        out.append(self._relation(sentence, p.id, "coBuilds", name, kind, obj, year))
        return out

    def _joint_names(self, sentence: Sentence, local: list[_Local], outer: list[_Local]) -> list[Relation]:
        """A joint lab named after its two builders: A-B联合实验室."""
        out = []
        for p in self._by_form.get("joint-name", []):
            for lab in outer:
                if lab.type != "Platform" or _ANONYMISED.search(lab.text):
                    continue
                m = p.pattern.search(lab.text)
                if not m:
                    continue
                nested = [x for x in local if x is not lab and lab.start <= x.start and x.end <= lab.end
                          and x.type in PARTNER_TYPES and x.type != "District"]
                if len(nested) >= 2:
                    partners = [(x.text, x.type) for x in nested]
                else:
                    partners = [self._party(m.group("a"), whole=True), self._party(m.group("b"), whole=False)]
                    partners = [x for x in partners if x]
                near = [x for x in outer if x is not lab and x.type in PARTNER_TYPES and x.type != "District"]
                partners = [self._full_name(name, kind, near) for name, kind in partners]
                for name, kind in partners:
                    out.append(self._relation(sentence, p.id, "coBuilds", name, kind, lab, None))
        return out

    def _full_name(self, short: str, kind: str, near: list[_Local]) -> tuple[str, str]:
        """The full name a joint lab's builder is written short for (西大 → 西江大学,
        禾丰高分子材料 → 某省禾丰新材料有限公司): a partner of the sentence, else of the
        report, whose name holds the short form's characters in order (a university's
        short form begins like its name) or the longest start of it (two characters
        at least); the short form itself when none or several fit."""
        if short in self.standalone:                   # a name of its own (三江大学), not a short form
            return short, kind
        near_names = [(x.text, x.type) for x in near]
        report_names = [(n, t) for n, t in self.report_types.items()
                        if t in PARTNER_TYPES and t != "District" and not _ANONYMISED.search(n)]
        for pool in (near_names, report_names):
            pool = [(n, t) for n, t in pool if n != short and len(n) > len(short)]
            fits = {(n, t) for n, t in pool if n[0] == short[0] and _in_order(short, n)}
            for size in range(len(short), 1, -1):
                if fits:
                    break
                # after the full name's place (某省禾丰…), never as its start, which is a place (青州…)
                fits = {(n, t) for n, t in pool if t in ("Enterprise", "ResearchInstitute")
                        and n.find(short[:size]) > 0}
            if fits:
                longest = max(fits, key=lambda f: len(f[0]))
                # 禾丰新材 and 某省禾丰新材料有限公司 are one company: take its full name
                if all(_in_order(n, longest[0]) for n, _ in fits):
                    return longest
                return short, kind
        return short, kind

    def _party(self, text: str, whole: bool) -> tuple[str, str] | None:
        """A builder named in a joint lab's name, typed from the report's other mentions."""
        text = text.strip()
        if self.report_types.get(text) == "District":
            return text, "District"                     # 某大学——某市联合…中心: the city builds it
        if whole:
            name = text
        else:
            known = [n for n, t in self.report_types.items()
                     if text.startswith(n) and t in PARTNER_TYPES and t != "District"]
            if known:
                name = max(known, key=len)
            else:
                m = regex.match(r"\p{Han}{2,8}(?=[A-Za-z0-9])", text)
                name = m.group(0) if m else ""
        if len(name) < 2 or not regex.fullmatch(r"[\p{Han}A-Za-z0-9·]+", name):
            return None
        kind = self.report_types.get(name, "Enterprise")
        return (name, kind) if kind in PARTNER_TYPES else None


_DONE_BEFORE = regex.compile(r"(?:成功|已经|已)\s*(?:被)?$")


def _joined(text: str, m: _Local) -> bool:
    """True if ``m`` stands joined to another party (我区携手甲, 甲与我县): the report's own
    place named as one of the builders, not as the scope of a count (我区企业)."""
    return _SELF_JOINED_AFTER.match(text, m.end) is not None or _SELF_JOINED_BEFORE.search(text, 0, m.start) is not None


_SELF_JOINED_AFTER = regex.compile(r"\s*(?:与|和|同|携手|联合|会同)")
_SELF_JOINED_BEFORE = regex.compile(r"(?:与|和|同|携手|联合|会同)\s*$")


def _standalone(mentions: list[Mention]) -> frozenset[str]:
    """The texts of mentions that no longer mention contains (one sweep in text order)."""
    ordered = sorted(mentions, key=lambda m: (m.start, -m.end))
    found: set[str] = set()
    reach = -1                      # the furthest end of the mentions starting before the current start
    i = 0
    while i < len(ordered):
        start, longest = ordered[i].start, ordered[i].end
        j = i
        while j < len(ordered) and ordered[j].start == start:
            m = ordered[j]
            if reach < m.end and longest <= m.end:
                found.add(m.text)
            j += 1
        reach = max(reach, longest)
        i = j
    return frozenset(found)


def _in_order(short: str, name: str) -> bool:
    """Are the characters of ``short`` in ``name``, in order?"""
    rest = iter(name)
    return all(ch in rest for ch in short)


def _bracket_after(text: str, pos: int) -> int | None:
    """Index after the "(" (or the ":" after a count, or a dash) that follows ``pos``, past a count (1家) in between."""
    rest = text[pos:pos + 16]
    counts = find_quantities(rest, money_cues=None)
    skip = counts[0].end if counts and not rest[:counts[0].start].strip() else 0
    skip += len(rest[skip:]) - len(rest[skip:].lstrip())
    listing = _LISTING.match(text, pos + skip) if counts and skip else None
    if listing:                                            # a count, then its names: …2家:A、B / …2家,分别是A、B
        return listing.end()
    if not skip and rest.startswith("——"):
        return pos + 2                                     # 首家省实验室——某某实验室: the one named
    return pos + skip + 1 if rest[skip:skip + 1] == "(" else None


def extract_relations(report: Report, sentences: list[Sentence], mentions: list[Mention]) -> list[Relation]:
    """Extract the relations stated in the sentences of one report.

    Parameters
    ----------
    report : the report (its district stands in for 我区 and for the unnamed
        subject of a district honour: 成功获批创建省级高新区).
    sentences : its sentences, in order.
    mentions : the entity mentions found in them (offsets index ``report.text``).

    Returns
    -------
    Relations with mention texts as subject and object, the sentence as
    evidence and the pattern id as rule, in sentence order; one relation per
    (subject, predicate, object) and sentence.

    Examples
    --------
    >>> r = Report("r1", "d", "f", "h", "", "青禾科技获批省级技术创新中心。")
    >>> s = Sentence("r1-s1", "r1", "", "summary", r.text, 0, len(r.text))
    >>> ms = [Mention("青禾科技", "Enterprise", 0, 4, "r1-s1", "r1", "t"),
    ...       Mention("省级技术创新中心", "Designation", 6, 14, "r1-s1", "r1", "t")]
    >>> [(x.subject, x.predicate, x.object, x.level) for x in extract_relations(r, [s], ms)]
    [('青禾科技', 'certifiedAs', '省级技术创新中心', '省级')]
    """
    finder = RelationFinder.for_report(report, mentions)
    by_sentence: dict[str, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sent_id, []).append(m)
    out: list[Relation] = []
    previous: list[Mention] = []
    topic: tuple[tuple[str, str], ...] = ()
    section = None
    for sentence in sentences:
        if sentence.section_id != section:
            section, topic = sentence.section_id, ()
        here = by_sentence.get(sentence.sent_id, [])
        if here:
            out += finder.apply(sentence, here, finder.match(sentence.text), previous, topic)
        previous = here
        topic = finder.topic_of(sentence, here, topic)
    return out


def find_triggers(text: str) -> list[str]:
    """The certifiedAs / coBuilds trigger words of ``text`` (for coverage reports).

    Triggers that need a second word (通过…验收) count only when it follows;
    triggers that must touch their object (获得, 获) are left out.

    Examples
    --------
    >>> find_triggers("青山县农业科技园成功创建省级农业科技园区。")
    ['成功创建']
    """
    finder = _default_finder()
    return [t.pattern.trigger + (f"…{t.pattern.close}" if t.close_start is not None else "")
            for t in finder.match(text)
            if t.pattern.predicate in ("certifiedAs", "coBuilds") and t.pattern.max_gap > 2]


@lru_cache(maxsize=1)
def _default_finder() -> RelationFinder:
    return RelationFinder(Report("", "", "", "", "", ""))
