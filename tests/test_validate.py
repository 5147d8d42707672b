"""SHACL validation and data loading: the shipped data conforms; bad data gets a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerpath import ontology
from careerpath.graph.errors import DataSyntaxError
from careerpath.graph.loading.rdf import default_data_files, load_graph
from careerpath.graph.loading.validate import validate
from tests.conftest import run_cli

DATA = Path(__file__).parent / "data"


def test_shipped_data_conforms(cg):
    report = cg.validate()
    assert report.conforms, report.text()


def test_malformed_turtle_names_file_and_line():
    with pytest.raises(DataSyntaxError) as info:
        load_graph([*default_data_files(), DATA / "malformed.ttl"])
    assert info.value.path.name == "malformed.ttl"
    assert info.value.line == 6
    assert "malformed.ttl:6" in str(info.value)


def test_file_breaking_shapes_is_reported_in_plain_words():
    # beside one domain's files, which conform on their own (pySHACL takes ~12 s of CPU over the
    # whole data; `test_cli_validate_breaking_file` validates the file beside all of it)
    names = ["sources", "kinds", "organizations", "education", "ekg-technician"]
    report = validate(load_graph([*(ontology.DATA_DIR / f"{n}.ttl" for n in names), DATA / "breaks_shapes.ttl"]))
    assert not report.conforms
    assert all(r.focus.rsplit("/", 1)[-1].startswith("test-") for r in report.results)  # only the file's own nodes
    messages = {(r.focus.rsplit("/", 1)[-1], r.message) for r in report.results}
    assert (
        "test-orphan",
        "A certification needs the organization that administers it (cp:administeredBy).",
    ) in messages
    assert any(f == "test-orphan" and "eligibility route" in m for f, m in messages)
    assert any(f == "test-backwards" and "non-negative" in m for f, m in messages)
    assert any(f == "test-text-number" and "written as text" in m for f, m in messages)
    assert "Orphan certification" in report.text()


def test_cli_validate_conforms(unchanged_data):
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
    assert "conforms" in result.stdout


@pytest.mark.slow
def test_cli_validate_breaking_file(unchanged_data):
    result = run_cli("validate", str(DATA / "breaks_shapes.ttl"))
    assert result.returncode == 1
    assert "administers it" in result.stdout
    assert "Traceback" not in result.stderr


def test_cli_validate_malformed_file(unchanged_data):
    result = run_cli("validate", str(DATA / "malformed.ttl"))
    assert result.returncode == 1
    assert "malformed.ttl:6" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_validate_missing_file():
    result = run_cli("validate", "no/such/file.ttl")
    assert result.returncode == 2
    assert "no such file" in result.stderr


def test_extra_data_folder_setting(tmp_path, monkeypatch):
    extra = tmp_path / "extra.ttl"
    extra.write_text((DATA / "breaks_shapes.ttl").read_text())
    monkeypatch.setenv("CAREERPATH_DATA", str(tmp_path))
    files = default_data_files()
    assert extra in files and set(ontology.data_files()) <= set(files)


def test_missing_data_folder_is_named(monkeypatch):
    monkeypatch.setenv("CAREERPATH_DATA", "/no/such/folder")
    with pytest.raises(DataSyntaxError, match="CAREERPATH_DATA"):
        default_data_files()
