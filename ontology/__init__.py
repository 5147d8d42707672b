"""The careerpath ontology, SHACL shapes, data and curated queries, as files.

This package holds no logic: it only tells where its files are, so that an installed
careerpath finds them as well as a checkout does.

Examples
--------
>>> from careerpath.ontology import ONTOLOGY_FILE, data_files
>>> ONTOLOGY_FILE.name
'careerpath.ttl'
>>> any(p.name == "certifications.ttl" for p in data_files())
True
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["HERE", "ONTOLOGY_FILE", "SHAPES_FILE", "DATA_DIR", "QUERIES_DIR", "data_files"]

HERE = Path(__file__).resolve().parent
ONTOLOGY_FILE = HERE / "careerpath.ttl"
SHAPES_FILE = HERE / "shapes.ttl"
DATA_DIR = HERE / "data"
QUERIES_DIR = HERE / "queries"


def data_files(directory: Path = DATA_DIR) -> list[Path]:
    """Return the Turtle files of a data folder, sorted by name."""
    return sorted(directory.glob("*.ttl"))
