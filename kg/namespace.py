"""The kg ontology's terms as a typed rdflib namespace, and the resource namespace.

``KG`` mirrors ``ontology/kg.ttl`` term for term (a test keeps them equal);
a misspelt term raises ``AttributeError`` instead of minting a new IRI.

>>> KG.certifiedAs
rdflib.term.URIRef('https://w3id.org/kgst/ontology#certifiedAs')
>>> ID["Designation/高新技术企业"]
rdflib.term.URIRef('https://w3id.org/kgst/id/Designation/高新技术企业')
"""
from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["KG", "ID", "ONTOLOGY_IRI"]

#: The IRI of the ontology itself (``owl:Ontology`` in ontology/kg.ttl).
ONTOLOGY_IRI = URIRef("https://w3id.org/kgst/ontology")

#: Resources: entities, reports, sentences, mentions, evidence, targets.
ID = Namespace("https://w3id.org/kgst/id/")


class KG(DefinedNamespace):
    """Classes and properties of the kg ontology (``ontology/kg.ttl``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/kgst/ontology#")

    # classes: reports and provenance
    Report: URIRef  # One work report found in an input file.
    Sentence: URIRef  # A sentence of a report, with offsets into the report's cleaned text.
    Mention: URIRef  # One occurrence of an entity's name in a sentence.
    Evidence: URIRef  # Describes one asserted relation and the sentence and rule it came from.
    Target: URIRef  # A quantified future goal: indicator, value, unit, year.
    Achievement: URIRef  # A quantified result reported as achieved.

    # classes: entities
    District: URIRef  # A named administrative division or development zone.
    Agency: URIRef  # A named government, party or quasi-government body.
    Enterprise: URIRef  # A company or business group.
    ResearchInstitute: URIRef  # A research institute, academy or new-type R&D institution.
    University: URIRef  # A university or college.
    Platform: URIRef  # A named innovation platform or carrier.
    Programme: URIRef  # A named initiative, scheme, campaign, competition or event.
    Policy: URIRef  # A named policy document, law or plan.
    Designation: URIRef  # A status, qualification, title or list something is certified as.

    # relations between entities
    coBuilds: URIRef  # The subject builds the object platform jointly with another party.
    certifiedAs: URIRef  # The subject was certified as / selected into the object.
    appliesFor: URIRef  # The subject applies for the object designation or programme.
    locatedIn: URIRef  # The subject lies in the object district.

    # targets and achievements
    targets: URIRef  # The subject states the object Target as its goal.
    achieved: URIRef  # The subject reports the object Achievement.
    indicator: URIRef  # What is measured, as written.
    value: URIRef  # The number (xsd:decimal).
    unit: URIRef  # The unit, normalised.
    year: URIRef  # The year (xsd:integer).
    inReport: URIRef  # The report that states a target or achievement.

    # reports
    issuedBy: URIRef  # The agency that issued a report.
    district: URIRef  # The district a report is about.
    mentions: URIRef  # The report names the entity.
    period: URIRef  # The period a report covers.
    sha256: URIRef  # SHA-256 digest of the source file.
    adminCode: URIRef  # Administrative division code of a district.

    # provenance
    mentionOf: URIRef  # The entity a mention names.
    text: URIRef  # Text of a sentence or mention.
    start: URIRef  # Start offset in the report's cleaned text.
    end: URIRef  # End offset in the report's cleaned text.
    rule: URIRef  # The pattern or lexicon that produced the statement.
    level: URIRef  # The level a relation's sentence states (国家级, 省级).
