"""Plain, typed data passed between the pipeline stages.

file → :class:`Document` → :class:`Report` (with :class:`Section`) →
:class:`Sentence` → :class:`Mention` → :class:`Entity` / :class:`Relation` /
:class:`Quantity` → graph.  Dataclasses only; the logic lives in the stage
modules.  Every offset is a Python string index (code points).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, fields
from operator import attrgetter

__all__ = [
    "OffsetMap", "Document", "Section", "Report", "Sentence", "Mention",
    "Entity", "Relation", "Quantity", "ReportExtraction",
    "ENTITY_TYPES", "SECTION_KINDS",
]

ENTITY_TYPES = ("District", "Agency", "Enterprise", "ResearchInstitute", "University",
                "Platform", "Programme", "Policy", "Designation")

#: ``summary``: what was done (numbers are achievements); ``plan``: what comes
#: next (numbers are targets); ``other``: preamble, closing lines.
SECTION_KINDS = ("summary", "plan", "other")


def _pickled_by_fields(cls):
    """Pickle instances of the dataclass ``cls`` as the class called with their field values.

    Loading then takes about half the time it takes with the state that
    dataclasses give classes with slots (looked up field by field for each
    object), and builds read hundreds of thousands of these objects back from
    the extraction cache.
    """
    values = attrgetter(*(f.name for f in fields(cls)))

    def __reduce__(self):
        return cls, values(self)

    cls.__reduce__ = __reduce__
    return cls


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps positions in a derived text back to positions in its source text.

    Stored as breakpoints: from derived index ``derived[i]`` on, source index is
    ``source[i] + (pos - derived[i])`` until the next breakpoint.  An empty map
    is the identity.
    """

    derived: tuple[int, ...] = ()
    source: tuple[int, ...] = ()

    def to_source(self, pos: int) -> int:
        """Return the source index of derived index ``pos``."""
        if not self.derived:
            return pos
        i = bisect_right(self.derived, pos) - 1
        if i < 0:
            return pos
        return self.source[i] + (pos - self.derived[i])


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Document:
    """One input file, decoded and normalised (NFKC, white space).

    ``text`` is the normalised text; ``offsets`` maps its indices back to the
    decoded original text ``raw_text``.
    """

    doc_id: str            # first 16 hex digits of sha256
    path: str              # the path as given by the user
    sha256: str
    format: str            # "text", "html", "docx", "pdf"
    encoding: str          # detected encoding of text input, or the container format
    text: str
    raw_text: str = ""
    offsets: OffsetMap = field(default_factory=OffsetMap)


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Section:
    """A headed part of a report; ``start``/``end`` index ``Report.text``."""

    section_id: str
    heading: str
    level: int             # 1 for 一、, 2 for (一), 3 for 1. ; 0 for text before the first heading
    kind: str              # one of SECTION_KINDS
    start: int
    end: int


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Report:
    """One report found in a document, with its metadata and cleaned text."""

    report_id: str         # f"{doc_id}-{n}", n counting from 1 in document order
    doc_id: str
    source: str            # Document.path
    sha256: str            # of the source file
    title: str
    text: str              # the cleaned report text; sections and sentences index it
    issuer: str | None = None          # issuing agency as written, e.g. 某某区科学技术局
    district: str | None = None        # e.g. 某某区
    parents: tuple[str, ...] = ()      # enclosing divisions, outermost first: ("河南省", "郑州市")
    period: str | None = None          # "2024", "2024H1", "2024H2", or as written ("20XX")
    published: str | None = None       # ISO date "2024-09-02"
    publisher: str | None = None       # the body a web page names as its host (主办单位)
    doc_start: int = 0                 # where the report starts in Document.text
    doc_offsets: OffsetMap = field(default_factory=OffsetMap)  # Report.text index → Document.text index
    sections: tuple[Section, ...] = ()


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a report; ``start``/``end`` index ``Report.text``."""

    sent_id: str           # f"{report_id}-s{n}"
    report_id: str
    section_id: str
    kind: str              # the section's kind
    text: str
    start: int
    end: int


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mention:
    """A typed name found in a sentence; offsets index ``Report.text``."""

    text: str
    type: str              # one of ENTITY_TYPES
    start: int
    end: int
    sent_id: str
    report_id: str
    rule: str              # id of the pattern or lexicon that found it


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Relation:
    """A typed link between two mentions (before resolution) or entities (after)."""

    subject: str           # entity id after resolution; mention text before
    predicate: str         # coBuilds, certifiedAs, appliesFor, locatedIn
    object: str
    sent_id: str
    report_id: str
    evidence: str          # the sentence text
    start: int             # sentence span in Report.text
    end: int
    rule: str
    subject_type: str = ""
    object_type: str = ""
    level: str | None = None
    year: int | None = None


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantified target (plan) or achievement (summary) of a report."""

    kind: str              # "target" or "achievement"
    subject: str | None    # entity id after resolution; name before; None if unknown
    indicator: str
    value: float
    unit: str
    year: int | None
    sent_id: str
    report_id: str
    evidence: str
    start: int             # sentence span in Report.text
    end: int
    rule: str
    subject_type: str = "District"


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world entity after resolution across sentences and reports."""

    entity_id: str         # deterministic: type + normalised name (+ parent for districts)
    type: str
    name: str              # preferred label
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    merge_rules: tuple[str, ...] = ()  # rules that merged aliases into this entity
    parent: str | None = None          # enclosing division for District
    code: str | None = None            # administrative division code for District


@_pickled_by_fields
@dataclass(slots=True)
class ReportExtraction:
    """Everything the per-report stages produce for one report."""

    report: Report
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
