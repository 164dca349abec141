"""--pdf: PDF/A copies of the Word and PowerPoint files from LibreOffice (one per worker), the page numbers of
LibreOffice's layout written into the Word plans' stored contents (the .docx in the packages and the PDF show the
same numbers), PDF copies that no longer match their document removed by a build without --pdf, and a package whose
readme is the same as in the package the build left earlier keeping that readme's PDF copy (LibreOffice is not asked
again, and a package with nothing else changed stays as it was)."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from click.testing import CliRunner
from conftest import office_python
from docx import Document
from docx.oxml.ns import qn
from intake_helpers import edit

from pipeline.cli import cli
from pipeline.paths import DEFAULT_INPUT, OutputLayout

pytestmark = pytest.mark.office
AS_OF = "25.11.2026"


def build(inputs, out, *extra):
    return CliRunner().invoke(cli, ["build", str(inputs), "-o", str(out), "--as-of", AS_OF, *extra])


def contents(data: bytes) -> list[tuple[str, str]]:
    """(heading, page number) of every entry of a Word plan's stored contents."""
    document = Document(io.BytesIO(data))
    entries = []
    for link in document.element.body.iter(qn("w:hyperlink")):
        if (link.get(qn("w:anchor")) or "").startswith("_Toc"):
            texts = [t.text or "" for t in link.iter(qn("w:t"))]
            entries.append((texts[0], texts[-1]))
    return entries


def readme_pdfs(out) -> dict[str, bytes]:
    """The readme's PDF copy in each package, by the package's name."""
    found = {}
    for path in sorted((out / "paketit").glob("*.zip")):
        with zipfile.ZipFile(path) as package:
            found[path.name] = package.read("Lue-minut.pdf")
    return found


def page_text(pdf, page: int) -> str:
    result = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], check=True,
                            capture_output=True, text=True)
    return " ".join(result.stdout.split())


@pytest.fixture(scope="module")
def nao_pdf(tmp_path_factory, labels):
    """NAO built with --pdf by one LibreOffice, once: (the folder with in/ and out/, the build's output)."""
    office_python()
    folder = tmp_path_factory.mktemp("nao_pdf")
    (folder / "in").mkdir()
    shutil.copy(OutputLayout.of(DEFAULT_INPUT, labels).sample_workbook("NAO"), folder / "in")
    result = build(folder / "in", folder / "out", "--pdf", "-j", "1")
    assert result.exit_code == 0, result.output
    return folder, result.output


def test_pdf_copies_carry_the_page_numbers_the_word_plans_now_show(nao_pdf, tmp_path, labels):
    shutil.copytree(nao_pdf[0], tmp_path, dirs_exist_ok=True)      # copy2 keeps the times: the files "as left"
    inputs, out = tmp_path / "in", tmp_path / "out"
    layout = OutputLayout.of(out, labels)
    assert "Tehdään PDF-kopiot (6)…" in nao_pdf[1].splitlines()
    documents = sorted(p for p in out.rglob("*") if p.suffix in (".docx", ".pptx"))
    assert len(documents) == 6           # NAO's plan and deck, its area's plan and deck, the county's plan and deck
    for document in documents:
        pdf = layout.pdf(document)
        assert pdf.read_bytes().startswith(b"%PDF")
        meta = subprocess.run(["pdfinfo", "-meta", str(pdf)], check=True, capture_output=True, text=True).stdout
        assert "<pdfaid:part>2</pdfaid:part>" in meta                    # PDF/A-2b

    plan, pdf = layout.word_plan("NAO"), layout.pdf(layout.word_plan("NAO"))
    entries = contents(plan.read_bytes())
    assert len(entries) > 20 and all(page.isdigit() for _, page in entries)
    assert [int(page) for _, page in entries] == sorted(int(page) for _, page in entries)
    heading = labels.get("word.toc.heading")               # the contents follow the summary, on the same page
    first = next(n for n in range(2, 6) if heading in page_text(pdf, n).split(" Sivu ")[0])
    toc = page_text(pdf, first) + " " + page_text(pdf, first + 1)
    for heading, page in entries:
        assert heading in page_text(pdf, int(page)), (heading, page)   # the heading is on the page it says
        assert f"{heading}" in toc
    with zipfile.ZipFile(layout.area_package("IKA")) as package:
        assert package.read("palvelulinjat/NAO/NAO-kayttoonottosuunnitelma.docx") == plan.read_bytes()
        assert package.read("palvelulinjat/NAO/NAO-kayttoonottosuunnitelma.pdf") == pdf.read_bytes()
        assert "palvelulinjat/NAO/NAO-muutoksen-tarina.pdf" in package.namelist()
        readme = package.read("Lue-minut.pdf")                       # the readme has its PDF copy, one page
        assert not any(name.endswith(".zip") for name in package.namelist())
    (tmp_path / "Lue-minut.pdf").write_bytes(readme)
    info = subprocess.run(["pdfinfo", str(tmp_path / "Lue-minut.pdf")], check=True, capture_output=True,
                          text=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M)
    (tmp_path / "Lue-minut.pdf").unlink()
    county = contents(layout.county_plan().read_bytes())
    assert county and all(page.isdigit() for _, page in county)

    again = build(inputs, out, "--pdf")
    assert again.output.startswith("Ei muutoksia")

    readmes = readme_pdfs(out)
    assert sorted(readmes) == ["IKA-palvelualueen-paketti.zip", "LUVN-paketti.zip"]
    (out / "NAO" / "NAO-muutoksen-tarina.pdf").unlink()       # one PDF copy gone: the build is not up to date
    remade = build(inputs, out, "--pdf")
    assert "NAO/NAO-muutoksen-tarina.pdf: kirjoitettu" in remade.output
    # the readmes are the same, and so are their PDF copies (a new conversion would carry a new creation time)
    assert readme_pdfs(out) == readmes

    pdfs_before = {p for p in out.rglob("*.pdf")}
    edit(inputs / "NAO-esimerkki-tietopohja.xlsx",
         lambda book: book["Johdon yhteenveto"].cell(2, 2).__setattr__("value", "Uusi avainviesti."))
    changed = build(inputs, out)
    assert changed.exit_code == 0, changed.output
    removed = [line for line in changed.output.splitlines() if line.startswith("Poistettiin")]
    gone = len(pdfs_before - set(out.rglob("*.pdf")))
    assert gone >= 1 and removed == [labels.get("build.messages.pdf_removed", count=gone)]
    assert not pdf.exists()
    assert all(page == "" for _, page in contents(plan.read_bytes()))          # rendered again, not yet numbered
    with zipfile.ZipFile(layout.area_package("IKA")) as package:
        assert "palvelulinjat/NAO/NAO-kayttoonottosuunnitelma.pdf" not in package.namelist()
        assert "Lue-minut.pdf" not in package.namelist()


def _pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_two_libreoffices_give_the_same_pdfs_and_contents_pages_as_one(nao_pdf, tmp_path, labels):
    """NAO's six documents laid out again (--force) by two LibreOffices (-j 2) against the one LibreOffice of the
    shared build; the forced build makes the readmes' PDF copies again too."""
    seen = {}
    for jobs, out in (("1", nao_pdf[0] / "out"), ("2", tmp_path / "out2")):
        if jobs == "2":
            shutil.copytree(nao_pdf[0] / "out", out)
            result = build(nao_pdf[0] / "in", out, "--pdf", "--force", "-j", jobs)
            assert result.exit_code == 0, result.output
        pdfs = sorted(p for p in out.rglob("*.pdf") if "tarkist" not in p.name)
        assert len(pdfs) == 6       # the line's plan and deck, its area's and the county's
        seen[jobs] = ({str(p.relative_to(out)): _pages(p) for p in pdfs},
                      {str(p.relative_to(out)): contents(p.read_bytes()) for p in sorted(out.rglob("*.docx"))})
    assert seen["1"][0] == seen["2"][0]
    assert seen["1"][1] == seen["2"][1]
    first, forced = readme_pdfs(nao_pdf[0] / "out"), readme_pdfs(tmp_path / "out2")
    assert sorted(forced) == sorted(first) and all(data.startswith(b"%PDF-") for data in forced.values())
    assert all(forced[name] != first[name] for name in first)      # converted again: a new creation time
    assert all(page.isdigit() for entries in seen["2"][1].values() for _, page in entries)
