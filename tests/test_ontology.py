"""The ontology: labels and definitions on every term, reuse of standard vocabularies."""

from __future__ import annotations

import subprocess
import sys

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from careerpath import ontology
from tests.conftest import ROOT

CP = rdflib.Namespace("https://w3id.org/careerpath/ontology#")
SCHEMA = rdflib.Namespace("https://schema.org/")
CTDL = rdflib.Namespace("https://purl.org/ctdl/terms/")


def _ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology.ONTOLOGY_FILE)


def _terms(g, kinds):
    return [s for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(str(CP))]


def test_every_term_has_english_label_and_definition():
    g = _ontology()
    terms = _terms(g, (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty))
    assert len(terms) > 100
    for term in terms:
        labels = [lab for lab in g.objects(term, RDFS.label) if lab.language == "en"]
        assert len(labels) == 1, term
        assert g.value(term, RDFS.comment) or g.value(term, SKOS.definition), term


def test_properties_have_domain_or_range():
    g = _ontology()
    for prop in _terms(g, (OWL.ObjectProperty, OWL.DatatypeProperty)):
        assert g.value(prop, RDFS.domain) is not None or g.value(prop, RDFS.range) is not None, prop


def test_version_and_separate_namespaces():
    g = _ontology()
    onto = rdflib.URIRef("https://w3id.org/careerpath/ontology")
    version = str(g.value(onto, OWL.versionInfo))
    assert str(g.value(onto, OWL.versionIRI)).endswith("/" + version)
    assert any(str(note).startswith(version + " ") for note in g.objects(onto, rdflib.namespace.SKOS.changeNote))
    assert str(CP) != "https://w3id.org/careerpath/data/"


def test_required_classes_exist():
    g = _ontology()
    for name in (
        "Role",
        "EntryRole",
        "SpecialtyRole",
        "AdvancementRole",
        "EducationCredential",
        "EducationProgram",
        "Certification",
        "Organization",
        "CertifyingBody",
        "Accreditor",
        "StatisticsAgency",
        "Specialty",
        "WorkSetting",
        "Skill",
        "Duty",
        "Exam",
        "EligibilityRoute",
        "Condition",
        "ExperienceCondition",
        "Step",
        "WageStatistic",
        "Outlook",
        "Source",
    ):
        assert (CP[name], RDF.type, OWL.Class) in g, name


def test_standard_vocabularies_are_reused():
    g = _ontology()
    closure = {
        (CP.Role, SCHEMA.Occupation),
        (CP.Credential, SCHEMA.EducationalOccupationalCredential),
        (CP.EducationProgram, SCHEMA.EducationalOccupationalProgram),
        (CP.WageStatistic, SCHEMA.MonetaryAmountDistribution),
        (CP.EligibilityRoute, CTDL.ConditionProfile),
        (CP.Step, CTDL.PathwayComponent),
        (CP.Pathway, CTDL.Pathway),
    }
    for sub, sup in closure:
        assert (sub, RDFS.subClassOf, sup) in g, (sub, sup)
    assert (CP.Certification, OWL.equivalentClass, CTDL.Certification) in g
    assert (CP.administeredBy, RDFS.subPropertyOf, CTDL.ownedBy) in g
    assert (CP.Specialty, RDFS.subClassOf, SKOS.Concept) in g


def test_medical_assistant_codes(sparql):
    rows = sparql("""SELECT ?soc ?onet ?isco ?esco WHERE { role:medical-assistant cp:socCode ?soc ;
        cp:onetSocCode ?onet ; cp:iscoCode ?isco ; skos:exactMatch ?esco }""")
    assert rows == [
        ("31-9092", "31-9092.00", "3256", rdflib.URIRef("http://data.europa.eu/esco/isco/C3256").toPython())
    ]


def test_generated_namespace_matches_ontology():
    result = subprocess.run([sys.executable, "scripts/generate_namespace.py", "--check"], cwd=ROOT)
    assert result.returncode == 0, "graph/loading/namespaces.py drifted: run scripts/generate_namespace.py"
