"""Unit tests for the :mod:`kg.namespace` module and ``ontology/kg.ttl``."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from kg.namespace import ID, KG, ONTOLOGY_IRI

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "kg.ttl"
NS = str(KG._NS)
BUILTIN = (str(RDF), str(RDFS), str(OWL), str(XSD))
ENTITY_TYPES = ("District", "Agency", "Enterprise", "ResearchInstitute", "University",
                "Platform", "Programme", "Policy", "Designation")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def declared_terms(ontology: Graph) -> set[str]:
    return {str(s)[len(NS):] for s in ontology.subjects(RDF.type, None) if str(s).startswith(NS)}


def python_terms() -> set[str]:
    return {name for name in KG.__annotations__ if not name.startswith("_")}


def test_python_class_and_turtle_declare_the_same_terms(ontology):
    assert python_terms() == declared_terms(ontology)


def test_guide_classes_and_predicates_are_terms():
    for name in (*ENTITY_TYPES, "Target", "coBuilds", "certifiedAs", "targets",
                 "indicator", "value", "unit", "year"):
        assert name in python_terms()


def test_misspelt_term_raises():
    with pytest.raises(AttributeError):
        KG.certifedAs


def test_ontology_header(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.description) is not None
    comment = str(ontology.value(ONTOLOGY_IRI, RDFS.comment))
    for term in ("kg:Evidence", "prov:wasDerivedFrom", "kg:Mention", "dcterms:isPartOf"):
        assert term in comment


@pytest.mark.parametrize("name", sorted(python_terms()))
def test_term_has_labels_in_chinese_and_english_and_a_comment(ontology, name):
    term = KG[name]
    langs = {label.language for label in ontology.objects(term, RDFS.label) if isinstance(label, Literal)}
    assert {"zh", "en"} <= langs
    assert ontology.value(term, RDFS.comment) is not None


@pytest.mark.parametrize("name", sorted(python_terms()))
def test_property_has_domain_and_range(ontology, name):
    term = KG[name]
    if (term, RDF.type, OWL.Class) in ontology:
        return
    assert {ontology.value(term, RDF.type)} <= {OWL.ObjectProperty, OWL.DatatypeProperty}
    assert ontology.value(term, RDFS.domain) is not None
    assert ontology.value(term, RDFS.range) is not None


def test_organisations_are_org_and_schema_organisations(ontology):
    org, schema = URIRef("http://www.w3.org/ns/org#Organization"), URIRef("https://schema.org/Organization")
    for name in ("Agency", "Enterprise", "ResearchInstitute", "University"):
        assert {org, schema} <= set(ontology.objects(KG[name], RDFS.subClassOf))


def test_every_external_term_used_is_declared(ontology):
    # Protégé-style tools flag an undeclared IRI; the ontology declares every term it uses.
    declared = set(ontology.subjects(RDF.type, None))
    used = set()
    for s, p, o in ontology:
        used.add(p)
        if p != RDFS.isDefinedBy and isinstance(o, URIRef) and s != ONTOLOGY_IRI:
            used.add(o)
    undeclared = {t for t in used if not str(t).startswith(BUILTIN) and t not in declared}
    assert undeclared == set()


def test_resource_namespace():
    assert ID["Enterprise/某科技公司"] == URIRef("https://w3id.org/kgst/id/Enterprise/某科技公司")
