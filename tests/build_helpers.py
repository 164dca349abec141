"""Two sample lines built once per test run; each test works on its own copy of the workbooks and the output
(the incremental and the robustness tests of the build share them)."""
from __future__ import annotations

import fcntl
import shutil

import pytest
import timing
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.paths import DEFAULT_INPUT, OutputLayout

AS_OF = "25.11.2026"
LINES = ("NAO", "AVO")


def build(inputs, out, *extra):
    return CliRunner().invoke(cli, ["build", str(inputs), "-o", str(out), "--as-of", AS_OF, "-j", "1", *extra])


@pytest.fixture(scope="session")
def two_lines_built(tmp_path_factory, labels):
    """Two sample lines built once per run: the first worker that needs them builds them into the run's shared
    folder, and another waits for it (the tests only copy the folder)."""
    shared = timing.FOLDER
    folder = shared / "two_lines" if shared is not None else tmp_path_factory.mktemp("built")
    with open(folder.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "done").exists():
            shutil.rmtree(folder, ignore_errors=True)
            source = OutputLayout.of(DEFAULT_INPUT, labels)
            (folder / "in").mkdir(parents=True)
            for code in LINES:
                shutil.copy(source.sample_workbook(code), folder / "in")
            result = build(folder / "in", folder / "out")
            assert result.exit_code == 0, result.output
            (folder / "done").touch()
    return folder


@pytest.fixture()
def two_lines(two_lines_built, tmp_path):
    for part in ("in", "out"):            # copy2 keeps the times: the files "as left"
        shutil.copytree(two_lines_built / part, tmp_path / part, dirs_exist_ok=True)
    return tmp_path / "in", tmp_path / "out"
