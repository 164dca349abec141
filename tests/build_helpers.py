"""Two sample lines built once per test module; each test works on its own copy of the workbooks and the output
(the incremental and the robustness tests of the build share them)."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.paths import DEFAULT_INPUT, OutputLayout

AS_OF = "25.11.2026"
LINES = ("NAO", "AVO")


def build(inputs, out, *extra):
    return CliRunner().invoke(cli, ["build", str(inputs), "-o", str(out), "--as-of", AS_OF, "-j", "1", *extra])


@pytest.fixture(scope="module")
def two_lines_built(tmp_path_factory, labels):
    """Two sample lines built once; each test works on its own copy of the workbooks and the output."""
    folder = tmp_path_factory.mktemp("built")
    source = OutputLayout.of(DEFAULT_INPUT, labels)
    (folder / "in").mkdir()
    for code in LINES:
        shutil.copy(source.sample_workbook(code), folder / "in")
    result = build(folder / "in", folder / "out")
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture()
def two_lines(two_lines_built, tmp_path):
    shutil.copytree(two_lines_built, tmp_path, dirs_exist_ok=True)    # copy2 keeps the times: the files "as left"
    return tmp_path / "in", tmp_path / "out"
