"""--pdf and the packages' readmes: a package whose readme is the same as in the package the build left earlier keeps
that readme's PDF copy (LibreOffice is not asked again, and a package with nothing else changed stays as it was)."""
from __future__ import annotations

import io
import shutil
import zipfile

import pytest
from click.testing import CliRunner
from conftest import office_python

from pipeline.cli import cli
from pipeline.paths import DEFAULT_INPUT, OutputLayout

pytestmark = pytest.mark.office
AS_OF = "25.11.2026"


def build(inputs, out, *extra):
    result = CliRunner().invoke(cli, ["build", str(inputs), "-o", str(out), "--as-of", AS_OF, "--pdf", "-j", "1",
                                      *extra])
    assert result.exit_code == 0, result.output
    return result.output


def packages(out) -> dict[str, bytes]:
    """Every package's bytes by name."""
    return {path.name: path.read_bytes() for path in sorted((out / "paketit").glob("*.zip"))}


def readme_pdf(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("Lue-minut.pdf")


def test_a_readme_that_did_not_change_keeps_its_pdf_copy_and_a_forced_build_makes_it_again(tmp_path, labels):
    office_python()
    (tmp_path / "in").mkdir()
    shutil.copy(OutputLayout.of(DEFAULT_INPUT, labels).sample_workbook("NAO"), tmp_path / "in")
    out = tmp_path / "out"
    build(tmp_path / "in", out)
    first = packages(out)
    assert sorted(first) == ["IKA-palvelualueen-paketti.zip", "LUVN-paketti.zip"]
    assert all(readme_pdf(data).startswith(b"%PDF-") for data in first.values())

    (out / "NAO" / "NAO-muutoksen-tarina.pdf").unlink()       # one PDF copy gone: the build is not up to date
    output = build(tmp_path / "in", out)
    assert "NAO/NAO-muutoksen-tarina.pdf: kirjoitettu" in output
    again = packages(out)
    # the readmes are the same, and so are their PDF copies (a new conversion would carry a new creation time)
    assert {name: readme_pdf(data) for name, data in again.items()} == \
        {name: readme_pdf(data) for name, data in first.items()}

    build(tmp_path / "in", out, "--force")
    forced = readme_pdf(packages(out)["IKA-palvelualueen-paketti.zip"])
    assert forced.startswith(b"%PDF-")
    assert forced != readme_pdf(first["IKA-palvelualueen-paketti.zip"])     # converted again: a new creation time
