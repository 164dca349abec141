"""The whole build: every valid line gets its documents, a broken workbook stops nothing, the end table, the
packages for leadership, and output that is reproducible (packages included)."""
from __future__ import annotations

import hashlib
import io
import re
import shutil
import zipfile

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook
from pptx import Presentation

from pipeline.cli import cli
from pipeline.intake.load import read_intake
from pipeline.paths import DEFAULT_INPUT, OutputLayout

AS_OF = "25.11.2026"


def build(inputs, out, *extra):
    return CliRunner().invoke(cli, ["build", str(inputs), "-o", str(out), "--as-of", AS_OF, *extra])


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, labels):
    folder = tmp_path_factory.mktemp("in")
    source = OutputLayout.of(DEFAULT_INPUT, labels)
    for code in ("NAO", "AVO"):
        shutil.copy(source.sample_workbook(code), folder)
    (folder / "SP-rikki.xlsx").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def first(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return out, build(inputs, out)


def cells(line: str) -> list[str]:
    return re.split(r"\s{2,}", line.strip())


def table(output: str) -> dict[str, list[str]]:
    """The end table's rows by their first cell."""
    lines = output.splitlines()
    start = next(n for n, line in enumerate(lines) if cells(line)[:2] == ["Linja", "Tila"])
    rows = {}
    for line in lines[start + 2:]:
        if line.startswith("Yhteensä"):
            break
        rows[cells(line)[0]] = cells(line)
    return rows


def test_build_writes_every_deliverable_and_reports_the_broken_workbook(first, labels):
    out, result = first
    assert result.exit_code == 1, result.output
    assert "SP-rikki.xlsx: ei luettavissa – 1 virhe, 0 varoitusta" in result.output
    assert "  virhe: Tiedosto on tyhjä (0 tavua)." in result.output
    assert "Traceback" not in result.output
    layout = OutputLayout.of(out, labels)
    for code in ("NAO", "AVO"):
        assert layout.word_plan(code).stat().st_size > 10_000
        assert layout.deck(code).stat().st_size > 10_000
    assert not layout.line_dir("SP").exists()
    summary = load_workbook(layout.county_workbook())["Yhteenveto"]
    values = [str(c.value) for row in summary.iter_rows() for c in row if c.value is not None]
    assert any("SP-rikki.xlsx" in c for c in values)
    report = layout.validation_report("txt").read_text(encoding="utf-8")
    assert "SP-rikki.xlsx" in report and "NAO-esimerkki-tietopohja.xlsx: kelvollinen" in report
    assert not list(out.rglob("*.tmp"))


def test_end_table_shows_each_line_and_the_files_then_the_report(first, inputs, reference, labels):
    out, result = first
    rows = table(result.output)
    for code in ("NAO", "AVO"):
        read = read_intake(inputs / f"{code}-esimerkki-tietopohja.xlsx", reference, labels)
        percent = round(read.overall_completeness * 100)
        assert rows[code] == [code, "kelvollinen", "0", str(len(read.warnings)), f"{percent}\u00a0%", "2 kirjoitettu"]
    assert rows["SP-rikki.xlsx"] == ["SP-rikki.xlsx", "ei luettavissa", "1", "0", "–", "–"]
    # the plans and decks of the 2 areas with a valid line, the county plan, deck and workbook, 2 reports, 3 packages
    assert rows["Yhteiset"] == ["Yhteiset", "–", "–", "–", "12 kirjoitettu"]
    tail = result.output.rstrip().splitlines()[-4:]
    assert tail == ["Yhteensä 3 työkirjaa: 2 kelvollista, 1 virheellinen.",
                    "Palvelualueen suunnitelmaa ei tehty, koska alueelta ei ole yhtään kelvollista työkirjaa: "
                    "Lasten, nuorten ja perheiden palvelut; Vammaispalvelut; KOPA – Asiointipalvelut. Alueen linjat "
                    "näkyvät hyvinvointialueen yhteisessä suunnitelmassa.",
                    f"Valmis kansiossa {out}: 16 tiedostoa kirjoitettu, 0 ennallaan.",
                    f"Tarkistusraportti (kaikki virheet ja varoitukset): {out / 'tarkistusraportti.txt'}"]


def test_progress_names_each_phase_and_file_as_it_goes(first):
    _, result = first
    lines = result.output.splitlines()
    assert "Luetaan tietopohjat (3)…" in lines
    assert "Muodostetaan asiakirjat (13)…" in lines
    assert "Kootaan paketit (3)…" in lines
    assert any(re.fullmatch(r"  \d+/13 NAO/NAO-kayttoonottosuunnitelma\.docx: kirjoitettu", line) for line in lines)
    assert lines.index("Luetaan tietopohjat (3)…") < lines.index("Muodostetaan asiakirjat (13)…") \
        < lines.index("Kootaan paketit (3)…")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_area_package_opens_into_plain_folders_with_a_readme_and_its_sources(first, inputs, labels):
    out, _ = first
    layout = OutputLayout.of(out, labels)
    with zipfile.ZipFile(layout.area_package("YST")) as package:
        names = package.namelist()
        assert names == ["Lue-minut.docx", "lahteet.csv",
                         "palvelualueet/YST-palvelualueen-kayttoonottosuunnitelma.docx",
                         "palvelualueet/YST-palvelualueen-tilannekuva.pptx",
                         "palvelulinjat/AVO/AVO-kayttoonottosuunnitelma.docx",
                         "palvelulinjat/AVO/AVO-muutoksen-tarina.pptx"]
        assert {info.date_time for info in package.infolist()} == {(2026, 11, 25, 0, 0, 0)}   # the as-of date
        plan = Document(io.BytesIO(package.read("palvelulinjat/AVO/AVO-kayttoonottosuunnitelma.docx")))
        assert plan.core_properties.title.endswith("Avoterveydenhuolto ja terveysasemat")
        deck = Presentation(io.BytesIO(package.read("palvelulinjat/AVO/AVO-muutoksen-tarina.pptx")))
        assert len(deck.slides) > 10
        assert package.read("palvelulinjat/AVO/AVO-muutoksen-tarina.pptx") == layout.deck("AVO").read_bytes()
        rows = package.read("lahteet.csv").decode("utf-8-sig").splitlines()
        readme = Document(io.BytesIO(package.read("Lue-minut.docx")))
    avo = sha((inputs / "AVO-esimerkki-tietopohja.xlsx").read_bytes())
    assert rows == ["Tiedosto;Lähdetyökirja;Lähdetyökirjan SHA-256;Tilannepäivä",      # only its own workbook
                    f"palvelualueet/YST-palvelualueen-kayttoonottosuunnitelma.docx;AVO-esimerkki-tietopohja.xlsx;"
                    f"{avo};25.11.2026",
                    f"palvelualueet/YST-palvelualueen-tilannekuva.pptx;AVO-esimerkki-tietopohja.xlsx;{avo};25.11.2026",
                    f"palvelulinjat/AVO/AVO-kayttoonottosuunnitelma.docx;AVO-esimerkki-tietopohja.xlsx;{avo};"
                    "25.11.2026",
                    f"palvelulinjat/AVO/AVO-muutoksen-tarina.pptx;AVO-esimerkki-tietopohja.xlsx;{avo};25.11.2026"]
    paragraphs = [p.text for p in readme.paragraphs]
    assert "Lue minut: Yhteiset sosiaali- ja terveyspalvelut (YST)" in paragraphs
    table = [[c.text for c in row.cells] for row in readme.tables[0].rows]
    assert table == [["Tiedosto", "Mikä se on", "Kuka lukee"],
                     ["palvelualueet/", "palvelualueiden yhteiset asiakirjat", ""],
                     ["YST-palvelualueen-kayttoonottosuunnitelma.docx",
                      "Yhteiset sosiaali- ja terveyspalvelut: käyttöönottosuunnitelma", "Palvelualueen johtaja"],
                     ["YST-palvelualueen-tilannekuva.pptx", "Yhteiset sosiaali- ja terveyspalvelut: tilannekuva",
                      "Alueen johtaja esittää"],
                     ["palvelulinjat/", "kunkin linjan käyttöönottosuunnitelma ja muutoksen tarina", ""],
                     ["AVO/", "AVO Avoterveydenhuolto ja terveysasemat", "Linjan johto"]]
    assert any("lahteet.csv" in text for text in paragraphs)
    assert not any(".pdf" in name for name in names) and not any("PDF" in text for text in paragraphs)
    with zipfile.ZipFile(layout.area_package("IKA")) as package:
        assert "palvelulinjat/NAO/NAO-muutoksen-tarina.pptx" in package.namelist()
        assert not any("/AVO/" in name for name in package.namelist())
        rows = package.read("lahteet.csv").decode("utf-8-sig").splitlines()
    ika = [r.split(";")[1] for r in rows if r.startswith("palvelualueet/IKA-palvelualueen-kayttoonottosuunnitelma")]
    assert ika == ["NAO-esimerkki-tietopohja.xlsx", "SP-rikki.xlsx"]     # its lines' workbooks, the broken one too


def test_county_package_holds_every_level_in_folders_and_no_zip(first, inputs, labels):
    out, _ = first
    layout = OutputLayout.of(out, labels)
    with zipfile.ZipFile(layout.county_package()) as package:
        assert package.namelist() == ["Lue-minut.docx", "lahteet.csv",
                                      "hva/LUVN-tiekartta-ja-exit-suunnitelmat.xlsx",
                                      "hva/LUVN-yhteinen-kayttoonottosuunnitelma.docx",
                                      "hva/LUVN-yhteinen-tilannekuva.pptx",
                                      "palvelualueet/IKA-palvelualueen-kayttoonottosuunnitelma.docx",
                                      "palvelualueet/IKA-palvelualueen-tilannekuva.pptx",
                                      "palvelualueet/YST-palvelualueen-kayttoonottosuunnitelma.docx",
                                      "palvelualueet/YST-palvelualueen-tilannekuva.pptx",
                                      "palvelulinjat/AVO/AVO-kayttoonottosuunnitelma.docx",
                                      "palvelulinjat/AVO/AVO-muutoksen-tarina.pptx",
                                      "palvelulinjat/NAO/NAO-kayttoonottosuunnitelma.docx",
                                      "palvelulinjat/NAO/NAO-muutoksen-tarina.pptx"]
        book = load_workbook(io.BytesIO(package.read("hva/LUVN-tiekartta-ja-exit-suunnitelmat.xlsx")))
        assert "Yhteenveto" in book.sheetnames
        rows = package.read("lahteet.csv").decode("utf-8-sig").splitlines()
        readme = Document(io.BytesIO(package.read("Lue-minut.docx")))
    hashes = {p.name: sha(p.read_bytes()) for p in inputs.iterdir()}
    county_rows = [r.split(";") for r in rows if r.startswith("hva/LUVN-yhteinen-kayttoonottosuunnitelma")]
    assert sorted(r[1] for r in county_rows) == sorted(hashes)          # made from every workbook, broken one too
    assert all(r[2] == hashes[r[1]] and r[3] == "25.11.2026" for r in county_rows)
    line_rows = [r.split(";")[1] for r in rows if r.startswith("palvelulinjat/NAO/")]
    assert line_rows == ["NAO-esimerkki-tietopohja.xlsx"] * 2
    first_column = [row.cells[0].text for row in readme.tables[0].rows]
    assert first_column == ["Tiedosto", "hva/", "LUVN-tiekartta-ja-exit-suunnitelmat.xlsx",
                            "LUVN-yhteinen-kayttoonottosuunnitelma.docx", "LUVN-yhteinen-tilannekuva.pptx",
                            "palvelualueet/", "IKA-palvelualueen-kayttoonottosuunnitelma.docx",
                            "IKA-palvelualueen-tilannekuva.pptx", "YST-palvelualueen-kayttoonottosuunnitelma.docx",
                            "YST-palvelualueen-tilannekuva.pptx", "palvelulinjat/", "AVO/", "NAO/"]


def test_build_is_reproducible_whatever_the_number_of_workers(first, inputs, tmp_path, labels):
    out, _ = first
    build(inputs, tmp_path / "b", "-j", "1")
    manifest = OutputLayout.of(out, labels).manifest().name
    files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file() and p.name != manifest)
    assert len(files) == 17                  # with the build's facts snapshot (historia/)
    for name in files:
        assert (out / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
