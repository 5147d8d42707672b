"""What a newcomer tripped on (issue 18 item 4): help with no command, prefixed names as the
data files write them, unknown names answered with relevant names and a way to list what
exists (never "milestone"), query tables that never cut a word, the data's prefixes in
CONSTRUCT output, "an ASK query", and the names people type for the atlas's occupations."""

from __future__ import annotations

import json
import re

import pytest
import rdflib

from careerpath import ontology
from careerpath.graph.cli import main
from careerpath.graph.loading.rdf import PREFIXES, default_data_files, expand, prefixed
from careerpath.graph.presenting.formats import table
from tests.conftest import ROOT

D = "https://w3id.org/careerpath/data/"
CP = "https://w3id.org/careerpath/ontology#"
MILESTONE = [CP + "Milestone"]


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


# ---------------------------------------------------------------------- help
def test_no_command_prints_the_help(capsys):
    code, out, err = cli(capsys)
    assert code == 0 and err == ""
    assert out.startswith("usage: careerpath")
    for command in ("route", "show", "list", "query", "sources"):
        assert command in out


# ---------------------------------------------------------------------- prefixes
@pytest.mark.parametrize("path", [ontology.ONTOLOGY_FILE, *default_data_files()], ids=lambda p: p.name)
def test_every_data_file_writes_its_prefixes_as_the_one_table_does(path):
    graph = rdflib.Graph(bind_namespaces="none")
    graph.parse(path, format="turtle")
    declared = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
    assert declared, f"{path.name} declares no prefixes"
    for prefix, namespace in declared.items():
        assert PREFIXES.get(prefix) == namespace, f"{path.name}: @prefix {prefix}: <{namespace}> is not in PREFIXES"


def test_every_named_entity_has_a_short_name_that_resolves_back(cg):
    for iri in cg.names.labels:
        short = prefixed(iri)
        assert not short.startswith("<"), f"no prefix fits {iri}"
        assert expand(short) == iri
        assert cg.resolve(short) == iri


@pytest.mark.parametrize(
    "name, iri",
    [
        ("org:nha", "org/nha"),
        ("cert:cma", "cert/cma"),
        ("role:medical-assistant", "role/medical-assistant"),
        ("jur:wa", "jurisdiction/wa"),
        ("stat:ma-wage-2024", None),
        ("grpo:", None),
    ],
)
def test_show_takes_prefixed_names_as_the_data_writes_them(capsys, cg, name, iri):
    if iri is None:  # pick an entity of that namespace from the data itself
        namespace = PREFIXES[name.split(":")[0]]
        iri = next(i for i in sorted(cg.names.labels) if i.startswith(namespace))[len(D) :]
        name = prefixed(D + iri)
    code, out, err = cli(capsys, "show", name, "--json")
    assert code == 0, err
    assert json.loads(out)["id"] == D + iri


def test_query_tables_write_iris_with_the_data_prefixes(capsys):
    code, out, err = cli(capsys, "query", "-e", "SELECT DISTINCT ?body WHERE { ?c cp:administeredBy ?body }")
    assert code == 0, err
    assert "(org:nha)" in out and "National Healthcareer Association" in out
    assert not re.search(r"\b[a-z]+\d+:", out), "a prefix rdflib made up (org1:, ns1:)"


def test_construct_output_uses_the_data_prefixes(capsys):
    code, out, err = cli(
        capsys, "query", "-e", "CONSTRUCT { ?c cp:administeredBy ?o } WHERE { ?c cp:administeredBy ?o }"
    )
    assert code == 0, err
    assert f"@prefix cert: <{D}cert/> ." in out and f"@prefix org: <{D}org/> ." in out
    assert "cert:cma cp:administeredBy org:aama ." in out
    assert not re.search(r"\b(ns\d+|[a-z]+\d+):", out)
    assert len(rdflib.Graph().parse(data=out, format="turtle")) > 10


# ---------------------------------------------------------------------- unknown names
def test_dentist_is_offered_the_dental_roles_not_phlebotomy(capsys):
    code, out, err = cli(capsys, "route", "--to", "dentist")
    assert code == 3  # a role the data names, that no step leads to yet
    offered = err.split("named like it:", 1)[1]
    assert "Dental assistant" in offered and "Dental hygienist" in offered
    assert "role:dental-assistant" in offered
    for unrelated in ("Phlebotomist", "HiSET", "GED", "milestone"):
        assert unrelated not in err


@pytest.mark.parametrize("typed", ["dental", "dentistry assistant"])
def test_an_unknown_name_suggests_names_sharing_its_words(capsys, typed):
    code, _, err = cli(capsys, "route", "--to", typed)
    assert code == 2
    closest = err.split("closest matches:", 1)[1].splitlines()[1:4]
    assert all("dental" in line.lower() for line in closest), closest
    assert "Phlebotomist" not in err and "HiSET" not in err
    assert "careerpath list" in err


@pytest.mark.parametrize(
    "args",
    [
        ["route", "--to", "unicorn tamer"],
        ["route", "--to", "CMA", "--have", "diplomma of magic"],
        ["route", "--to", "CMA", "--experience", "unicorn tamer=2"],
        ["eligible", "--have", "zzz"],
        ["options", "--have", "unicorn license"],
        ["show", "Certified Unicorn"],
        ["route", "--to", "PA-C"],
        ["eligible", "--experience", "CNA=1"],
    ],
)
def test_no_message_says_milestone(capsys, args):
    code, out, err = cli(capsys, *args)
    assert code == 2
    assert "milestone" not in (out + err).lower()
    assert "Traceback" not in err


def test_an_unknown_target_names_the_kinds_a_person_knows(capsys):
    _, _, err = cli(capsys, "route", "--to", "unicorn tamer")
    assert "no role, certification, program or credential named 'unicorn tamer'" in err
    _, _, err = cli(capsys, "route", "--to", "CMA", "--experience", "unicorn tamer=2")
    assert "no role named 'unicorn tamer'" in err and "careerpath list --kind role" in err


def test_the_help_of_have_never_says_milestone(capsys):
    with pytest.raises(SystemExit):
        main(["route", "--help"])
    assert "milestone" not in capsys.readouterr().out.lower()


# ---------------------------------------------------------------------- list
@pytest.mark.parametrize(
    "kind, label, short",
    [
        ("role", "Dental assistant", "role:dental-assistant"),
        ("certification", "Certified Medical Assistant", "cert:cma"),
        ("program", None, "prog:"),
        ("credential", "GED", "cred:ged"),
    ],
)
def test_list_shows_each_kind_with_short_names(capsys, kind, label, short):
    code, out, err = cli(capsys, "list", "--kind", kind, "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert rows and {r["kind"] for r in rows} == {kind}
    assert any(r["short"].startswith(short) and (label is None or r["label"] == label) for r in rows)
    assert [r["label"].casefold() for r in rows] == sorted(r["label"].casefold() for r in rows)
    if kind == "credential":
        assert not any(r["short"].startswith("cert:") for r in rows), "certifications are their own kind"


def test_list_with_words_keeps_those_named_like_them(capsys, cg):
    code, out, err = cli(capsys, "list", "--kind", "role", "dental")
    assert code == 0, err
    listed = re.findall(r"role:[\w-]+", out)
    assert set(listed) == {"role:dental-assistant", "role:dental-hygienist", "role:dentist"}
    for short in listed:
        assert cg.resolve(short) == expand(short)


def test_list_without_a_kind_lists_all_four(capsys):
    code, out, _ = cli(capsys, "list")
    assert code == 0
    for heading in ("Roles (", "Certifications (", "Programs (", "Other credentials"):
        assert heading in out


# ---------------------------------------------------------------------- tables
def test_a_table_never_cuts_a_word():
    text = "Administers the CCMA and CMAA credentials; founded 1989, based in Leawood, Kansas. " * 3
    rows = [
        ["org:nha", text],
        ["org:aama", "short"],
        ["org:x", "https://example.org/an-address-longer-than-thirty-characters"],
    ]
    out = table(["body", "note"], rows, max_width=30)
    lines = out.splitlines()
    assert lines[0].split() == ["body", "note"] and set(lines[1].replace(" ", "")) == {"-"}
    printed = sorted(" ".join(lines[2:]).split())
    assert printed == sorted(w for row in rows for cell in row for w in cell.split())
    assert max(len(line) for line in lines) == len("org:aama") + 2 + len(rows[2][1])  # widened, not cut
    narrow = table(["body", "note"], rows[:2], max_width=30).splitlines()
    assert max(len(line) for line in narrow) <= len("org:aama") + 2 + 30 and len(narrow) > 4  # wrapped


def test_query_tables_keep_long_cells_whole(capsys):
    query = "SELECT ?o ?comment WHERE { ?o a cp:CertifyingBody ; rdfs:comment ?comment } ORDER BY ?o"
    code, out, err = cli(capsys, "query", "-e", query, "--format", "json")
    assert code == 0, err
    comments = [b["comment"]["value"] for b in json.loads(out)["results"]["bindings"]]
    assert any(len(c) > 80 for c in comments)
    code, out, err = cli(capsys, "query", "-e", query)
    assert code == 0, err
    printed = out.split()
    for comment in comments:
        for word in comment.split():
            assert word in printed, f"{word!r} was cut"


# ---------------------------------------------------------------------- grammar
def test_an_ask_query(capsys):
    code, _, err = cli(capsys, "query", "-e", "ASK { ?s ?p ?o }", "--format", "turtle")
    assert code == 2
    assert "an ASK query cannot be written as turtle" in err
    code, _, err = cli(capsys, "query", "-e", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--format", "turtle")
    assert "a SELECT query cannot be written as turtle" in err


# ---------------------------------------------------------------------- names people type
@pytest.mark.parametrize(
    "typed, iri",
    [
        ("certified nursing assistant", "role/nursing-assistant"),
        ("nurse aide", "role/nursing-assistant"),
        ("RN", "role/registered-nurse"),
        ("LPN", "role/licensed-practical-nurse"),
        ("LVN", "role/licensed-practical-nurse"),
        ("EMT", "role/emergency-medical-technician"),
        ("paramedic", "role/paramedic"),
        ("dental hygienist", "role/dental-hygienist"),
        ("pharmacy tech", "role/pharmacy-technician"),
        ("sonographer", "role/diagnostic-medical-sonographer"),
        ("respiratory therapist", "role/respiratory-therapist"),
        ("surgical tech", "role/surgical-technologist"),
        ("PA-C", "role/physician-assistant"),  # with --experience: a role, not the licence
    ],
)
def test_common_names_of_roles(cg, typed, iri):
    assert cg.resolve(typed, [CP + "Role"]) == D + iri


@pytest.mark.parametrize(
    "typed, iri",
    [
        ("CPhT", "cert/ptcb-cpht"),
        ("68W", "program/military-medical-training"),
        ("corpsman", "program/military-medical-training"),
        ("combat medic", "program/military-medical-training"),
        ("pharmacy tech", "role/pharmacy-technician"),
        ("RN", "role/registered-nurse"),
        ("paramedic", "role/paramedic"),
    ],
)
def test_common_names_of_targets(cg, typed, iri):
    assert cg.resolve(typed, MILESTONE) == D + iri


def test_cna_and_cota_resolve_by_what_the_command_needs(capsys, cg):
    """The data gives CNA and COTA to the credentials (the roles are Nursing assistant and
    Occupational therapy assistant); PA-C is both the licence and the role's abbreviation."""
    assert cg.resolve("CNA", [CP + "Credential"]) == D + "credential/cna-certification"
    assert cg.resolve("COTA", [CP + "Certification"]) == D + "cert/nbcot-cota"
    assert cg.resolve("PA-C", [CP + "Role"]) == D + "role/physician-assistant"
    code, out, err = cli(capsys, "route", "--to", "PTA", "--experience", "occupational therapy assistant=2")
    assert code == 0, err
    assert "2 years as Occupational therapy assistant" in out
    # an abbreviation one letter from another is not a typing slip: CNA is not CRNA (nurse
    # anesthetist), COTA not OTA; a role named so is refused with the way to list the roles
    for typed in ("CNA=1", "COTA=2"):
        code, _, err = cli(capsys, "eligible", "--experience", typed)
        assert code == 2 and "no role named" in err and "careerpath list --kind role" in err, err
    # --to takes any target: both fit, and the message names each so that one can be given
    code, _, err = cli(capsys, "route", "--to", "PA-C")
    assert code == 2
    assert "cred:pa-license" in err and "role:physician-assistant" in err
    code, out, err = cli(capsys, "route", "--to", "cert:nbcot-cota")
    assert code == 0, err


# ---------------------------------------------------------------------- the app's health endpoint
def test_the_readme_text_names_the_apps_health_endpoint():
    """README.md names the health endpoint; tests/test_processes.py checks that it answers."""
    assert "/_stcore/health" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "/_stcore/health" in (ROOT / "tests" / "test_processes.py").read_text(encoding="utf-8")
