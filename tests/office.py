"""LibreOffice in the tests: the binary (tests marked `office` skip without it, except in CI), and conversions
shared by the whole run — a file converted once (by its bytes and the target) is copied from the run's folder,
which the main process makes and its xdist workers inherit, instead of converted again."""
from __future__ import annotations

import atexit
import fcntl
import hashlib
import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import timing

from pipeline.build.pdf.uno_driver import prepare_profile

REQUIRE = "DIGIPLAN_REQUIRE_OFFICE"


def soffice() -> str:
    """The LibreOffice binary; tests marked `office` skip without it, except in CI where it must be there."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        if os.environ.get(REQUIRE):
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
        if os.environ.get(REQUIRE):
            pytest.fail("python3-uno is required in CI but not installed")
        pytest.skip("python3-uno not installed")


def convert(files: list[Path], target: str, out_dir: Path) -> list[Path]:
    """Convert FILES with LibreOffice in one call (e.g. target 'pdf' or 'xlsx'); returns the produced files. A file
    another test of the run has converted already (the same bytes to the same target) is copied, not converted."""
    out_dir.mkdir(parents=True, exist_ok=True)
    extension = target.split(":")[0]
    produced = [out_dir / f"{f.stem}.{extension}" for f in files]
    shared = timing.FOLDER
    if shared is None:
        _soffice(files, target, out_dir)
        return produced
    keys = [hashlib.sha256(target.encode() + f.read_bytes()).hexdigest() for f in files]
    request = hashlib.sha256("".join(keys).encode()).hexdigest()
    with open(shared / f"{request}.lock", "w") as lock:      # one worker converts, another waits and copies
        fcntl.flock(lock, fcntl.LOCK_EX)
        missing = [(f, key) for f, key in zip(files, keys, strict=True) if not (shared / key).exists()]
        if missing:
            _soffice([f for f, _ in missing], target, out_dir)
            for f, key in missing:
                shutil.copyfile(out_dir / f"{f.stem}.{extension}", shared / f"{key}.part")
                os.replace(shared / f"{key}.part", shared / key)
        done = {f for f, _ in missing}
        for f, key, out in zip(files, keys, produced, strict=True):
            if f not in done:
                shutil.copyfile(shared / key, out)
    return produced


_PROFILE: list[Path] = []          # this process's LibreOffice profile, made by its first call


def _profile() -> Path:
    """A LibreOffice profile of this process's own, kept for its later calls (which run one after another): a
    profile made anew costs each call about 0.2 CPU seconds more. It lives in the run's shared folder, which the
    main process removes at the end (or, outside a run, is removed when this process ends)."""
    if not _PROFILE:
        name = f"lo-profile-{os.getpid()}-{uuid.uuid4().hex}"
        _PROFILE.append(timing.FOLDER / name if timing.FOLDER is not None else Path("/tmp") / name)
        if timing.FOLDER is None:
            atexit.register(shutil.rmtree, _PROFILE[0], ignore_errors=True)
        prepare_profile(str(_PROFILE[0]))       # as the build's: no graphics self-tests on its first start
    return _PROFILE[0]


def _soffice(files: list[Path], target: str, out_dir: Path) -> None:
    """One LibreOffice call; its duration is logged for the run's summary."""
    started = time.monotonic()
    subprocess.run([soffice(), f"-env:UserInstallation=file://{_profile()}", "--headless", "--norestore",
                    "--convert-to", target, "--outdir", str(out_dir), *map(str, files)],
                   check=True, capture_output=True, timeout=600)
    timing.log(timing.FOLDER, "calls", f"{time.monotonic() - started:.1f}", len(files), target,
               os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0])
