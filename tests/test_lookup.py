"""Names people type: labels, abbreviations, typos, ambiguity."""

from __future__ import annotations

import pytest

from careerpath.graph.errors import AmbiguousNameError, UnknownNameError

D = "https://w3id.org/careerpath/data/"


@pytest.mark.parametrize(
    "name, iri",
    [
        ("cma", "cert/cma"),
        ("CMA", "cert/cma"),
        ("CMA (AAMA)", "cert/cma"),
        ("Certified Medical Assistant", "cert/cma"),
        ("Certified Medical Asistant", "cert/cma"),
        ("certified clinical medical assistant", "cert/ccma"),
        ("GED", "credential/ged"),
        ("high school diploma", "credential/high-school-diploma"),
        ("Medical asistant", "role/medical-assistant"),
        ("Practice manager", "role/medical-office-manager"),
        ("cert:rma", "cert/rma"),
        (f"<{D}cert/ncma>", "cert/ncma"),
        ("CPR certification", "credential/cpr-certification"),  # as people say it
    ],
)
def test_resolves(cg, name, iri):
    assert cg.resolve(name) == D + iri


def test_unknown_name_suggests_closest(cg):
    with pytest.raises(UnknownNameError) as info:
        cg.resolve("nurse")
    labels = [label for _, label in info.value.matches]
    assert labels and all("nurse" in label.lower() for label in labels)


def test_ambiguous_name_lists_candidates(cg):
    with pytest.raises(AmbiguousNameError) as info:
        cg.resolve("medical terminology")
    assert {iri.rsplit("/", 2)[-2] for iri, _ in info.value.matches} == {"skill", "topic"}


def test_kinds_restrict_matches(cg):
    # a milestone named like a skill is not found among milestones
    with pytest.raises(UnknownNameError):
        cg.resolve("medical terminology", ["https://w3id.org/careerpath/ontology#Milestone"])


def test_empty_name(cg):
    with pytest.raises(UnknownNameError):
        cg.resolve("   ")
