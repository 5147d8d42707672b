"""The wheel: one import name (careerpath), the data inside it, an SPDX license, no warnings.

`.ci/run` also installs this wheel in a fresh virtual environment and runs its `careerpath`
command from outside the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    # Built from a copy of the checkout: setuptools builds in the source tree's build/ folder,
    # which another build (a second test worker, an editable install) may be using meanwhile.
    source = tmp_path_factory.mktemp("source") / "careerpath"
    skip = (".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".ruff_cache")
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*skip))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    (path,) = out.glob("careerpath-*.whl")
    return path, build.stdout + build.stderr


def test_the_wheel_claims_only_the_careerpath_name(wheel):
    path, _ = wheel
    names = zipfile.ZipFile(path).namelist()
    top = {n.split("/", 1)[0] for n in names}
    assert {t for t in top if not t.endswith(".dist-info")} == {"careerpath"}
    for needed in (
        "careerpath/graph/cli/__init__.py",
        "careerpath/ontology/careerpath.ttl",
        "careerpath/ontology/shapes.ttl",
        "careerpath/ontology/data/certifications.ttl",
        "careerpath/ontology/queries/outlook.rq",
        "careerpath/app/streamlit_app.py",
        "careerpath/app/sections/plan.py",
    ):
        assert needed in names


def test_the_wheel_has_an_spdx_license_and_its_file(wheel):
    path, _ = wheel
    archive = zipfile.ZipFile(path)
    metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
    text = archive.read(metadata).decode()
    assert "License-Expression: MIT" in text
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in archive.namelist())


def test_building_the_wheel_gives_no_setuptools_warning(wheel):
    _, log = wheel
    warnings = [line for line in log.splitlines() if "warning" in line.lower() and "byte-compil" not in line]
    assert warnings == []
