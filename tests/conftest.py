"""Shared fixtures: reference data and labels loaded once, sample plans, LibreOffice conversion."""
from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from build_helpers import two_lines, two_lines_built  # noqa: F401 — the fixtures of two sample lines built once
from renders import Renders

from pipeline.catalog import Labels
from pipeline.reference import Reference
from pipeline.render import oxml
from pipeline.render.context import RenderContext

AS_OF = dt.date(2026, 11, 26)
oxml.install()          # the library patches, as the build and the kit command install them before rendering


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
def sv() -> Labels:
    return Labels.load("sv")


@pytest.fixture(scope="session")
def sv_reference() -> Reference:
    return Reference.load(language="sv")


@pytest.fixture(scope="session")
def sv_renders(sv, sv_reference, tmp_path_factory) -> Renders:
    """The same documents in Swedish (outputs, reference names and labels in sv), rendered once per process."""
    return Renders(RenderContext(sv_reference, sv, AS_OF), tmp_path_factory.mktemp("renders-sv"))


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


# LibreOffice conversions are shared by the whole run: a file converted once (by its bytes and the target) is copied
# from this folder, which the run's main process makes and its xdist workers inherit, instead of converted again.
CONVERSIONS: Path | None = None
SHARED = "DIGIPLAN_TEST_CONVERSIONS"
STARTED = time.monotonic()


def pytest_configure(config) -> None:
    global CONVERSIONS, STARTED
    if not hasattr(config, "workerinput"):
        STARTED = time.monotonic()
        os.environ[SHARED] = tempfile.mkdtemp(prefix="digiplan-libreoffice-")
    CONVERSIONS = Path(os.environ[SHARED])


def pytest_unconfigure(config) -> None:
    if not hasattr(config, "workerinput") and CONVERSIONS is not None:
        shutil.rmtree(CONVERSIONS, ignore_errors=True)


def convert(files: list[Path], target: str, out_dir: Path) -> list[Path]:
    """Convert FILES with LibreOffice in one call (e.g. target 'pdf' or 'xlsx'); returns the produced files. A file
    another test of the run has converted already (the same bytes to the same target) is copied, not converted."""
    out_dir.mkdir(parents=True, exist_ok=True)
    extension = target.split(":")[0]
    produced = [out_dir / f"{f.stem}.{extension}" for f in files]
    if CONVERSIONS is None:
        _soffice(files, target, out_dir)
        return produced
    keys = [hashlib.sha256(target.encode() + f.read_bytes()).hexdigest() for f in files]
    request = hashlib.sha256("".join(keys).encode()).hexdigest()
    with open(CONVERSIONS / f"{request}.lock", "w") as lock:      # one worker converts, another waits and copies
        fcntl.flock(lock, fcntl.LOCK_EX)
        missing = [(f, key) for f, key in zip(files, keys, strict=True) if not (CONVERSIONS / key).exists()]
        if missing:
            _soffice([f for f, _ in missing], target, out_dir)
            for f, key in missing:
                shutil.copyfile(out_dir / f"{f.stem}.{extension}", CONVERSIONS / f"{key}.part")
                os.replace(CONVERSIONS / f"{key}.part", CONVERSIONS / key)
        done = {f for f, _ in missing}
        for f, key, out in zip(files, keys, produced, strict=True):
            if f not in done:
                shutil.copyfile(CONVERSIONS / key, out)
    return produced


def _soffice(files: list[Path], target: str, out_dir: Path) -> None:
    """One LibreOffice call; its duration is logged for the run's summary."""
    started = time.monotonic()
    profile = Path("/tmp") / f"lo-digiplan-{uuid.uuid4().hex}"
    subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", target, "--outdir", str(out_dir), *map(str, files)],
                   check=True, capture_output=True, timeout=600)
    shutil.rmtree(profile, ignore_errors=True)
    if CONVERSIONS is not None:
        with open(CONVERSIONS / "calls.log", "a", encoding="utf-8") as log:
            log.write(f"{time.monotonic() - started:.1f}\t{len(files)}\t{target}\n")


def pytest_terminal_summary(terminalreporter, config) -> None:
    """The run's own duration (also under -qq, which hides pytest's line) and its LibreOffice calls (the tests'
    conversions; the build's own --pdf pass is not counted)."""
    if hasattr(config, "workerinput"):
        return
    log = CONVERSIONS / "calls.log" if CONVERSIONS is not None else None
    calls = [line.split("\t") for line in log.read_text(encoding="utf-8").splitlines()] if log and log.exists() else []
    seconds, files = sum(float(c[0]) for c in calls), sum(int(c[1]) for c in calls)
    terminalreporter.write_line(f"Test run: {time.monotonic() - STARTED:.0f} s; LibreOffice: {len(calls)} soffice "
                                f"call(s), {files} files, {seconds:.0f} s")
