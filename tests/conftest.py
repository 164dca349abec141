"""Shared fixtures: reference data and labels loaded once, sample plans, LibreOffice conversion."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from build_helpers import two_lines, two_lines_built  # noqa: F401 — the fixtures of two sample lines built once
from renders import Renders

from pipeline.catalog import Labels
from pipeline.reference import Reference
from pipeline.render.context import RenderContext

AS_OF = dt.date(2026, 11, 26)


@pytest.fixture(scope="session")
def reference() -> Reference:
    return Reference.load()


@pytest.fixture(scope="session")
def labels() -> Labels:
    return Labels.load()


@pytest.fixture(scope="session")
def ctx(reference, labels) -> RenderContext:
    return RenderContext(reference, labels, AS_OF)


@pytest.fixture(scope="session")
def renders(ctx, tmp_path_factory) -> Renders:
    """The samples' documents, rendered once per test process (see tests/renders.py)."""
    return Renders(ctx, tmp_path_factory.mktemp("renders"))


@pytest.fixture(scope="session")
def sv_renders(tmp_path_factory) -> Renders:
    """The same documents in Swedish (outputs, reference names and labels in sv)."""
    return Renders(RenderContext(Reference.load(language="sv"), Labels.load("sv"), AS_OF),
                   tmp_path_factory.mktemp("renders-sv"))


def soffice() -> str:
    """The LibreOffice binary; tests marked `office` skip without it, except in CI where it must be there."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        if os.environ.get("DIGIPLAN_REQUIRE_OFFICE"):
            pytest.fail("LibreOffice (soffice) is required in CI but not installed")
        pytest.skip("LibreOffice (soffice) not installed")
    return binary


def office_python() -> None:
    """The system Python with LibreOffice's UNO bridge (python3-uno), which the --pdf pass drives LibreOffice with;
    tests that need it skip without it, except in CI."""
    soffice()
    found = subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True).returncode == 0 \
        if Path("/usr/bin/python3").exists() else False
    if not found:
        if os.environ.get("DIGIPLAN_REQUIRE_OFFICE"):
            pytest.fail("python3-uno is required in CI but not installed")
        pytest.skip("python3-uno not installed")


def convert(files: list[Path], target: str, out_dir: Path) -> list[Path]:
    """Convert FILES with LibreOffice in one call (e.g. target 'pdf' or 'xlsx'); returns the produced files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = Path("/tmp") / f"lo-digiplan-{uuid.uuid4().hex}"
    subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", target, "--outdir", str(out_dir), *map(str, files)],
                   check=True, capture_output=True, timeout=600)
    shutil.rmtree(profile, ignore_errors=True)
    extension = target.split(":")[0]
    return [out_dir / f"{f.stem}.{extension}" for f in files]
