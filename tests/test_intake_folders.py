"""Folders as users keep them: two workbooks of one line, files that are no workbooks, .ods and .xlsm, a file named
for one line holding another's plan. What the user did, and what the user now sees."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import zipfile

import pytest
from click.testing import CliRunner
from conftest import convert
from intake_helpers import edit, write_plan
from openpyxl import load_workbook

from pipeline.cli import cli
from pipeline.intake.load import read_intake, read_intakes
from pipeline.samples import load_sample

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def vam(path, reference, labels, *, version: dt.date, name: str = "Vammaispalvelut", saved: int = 1_800_000_000):
    plan = load_sample("VAM")
    plan.basics.version_date = version
    plan.basics.line_name = name
    write_plan(plan, path, reference, labels)
    os.utime(path, (saved, saved))
    return path


def no_line_name(book):
    book["Perustiedot"]["B4"] = None


# --- item 2: two workbooks of one line ---------------------------------------------------------------------------

def test_the_newer_of_two_workbooks_is_built_and_the_other_listed_as_not_used(tmp_path, reference, labels):
    folder = tmp_path / "in"
    folder.mkdir()
    vam(folder / "VAM.xlsx", reference, labels, version=dt.date(2026, 11, 6))
    vam(folder / "VAM - Kopio.xlsx", reference, labels, version=dt.date(2026, 9, 1), name="Vanha nimi")
    out = tmp_path / "out"
    result = run("build", folder, "-o", out, "--as-of", "25.11.2026")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    first = lines.index("VAM - Kopio.xlsx: kelvollinen, ei käytetty – 0 virhettä, 1 varoitus, täyttöaste 88\u00a0%")
    lines = lines[first:]                                   # after the progress lines
    assert lines[1] == (
        "  varoitus: Tätä työkirjaa ei käytetä: palvelulinjan VAM työkirjan VAM.xlsx version päivämäärä 6.11.2026 "
        "on myöhäisempi (tässä 1.9.2026). Korjaus: Poista tämä työkirja kansiosta, tai jos tämä on oikea versio, "
        "päivitä sen Version päivämäärä (Perustiedot).")
    assert lines[2].startswith("VAM.xlsx: kelvollinen – 0 virhettä, 1 varoitus")
    assert lines[3] == (
        "  varoitus: Palvelulinjalla VAM on myös työkirja VAM - Kopio.xlsx; tätä käytetään, koska sen version "
        "päivämäärä 6.11.2026 on myöhäisempi (toisessa 1.9.2026). Korjaus: Poista vanhempi työkirja kansiosta.")
    from docx import Document
    word = Document(str(out / "VAM" / "VAM-kayttoonottosuunnitelma.docx"))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Vammaispalvelut" in text and "Vanha nimi" not in text
    summary = load_workbook(out / "LUVN-tiekartta-ja-exit-suunnitelmat.xlsx")["Yhteenveto"]
    states = {row[-1]: row[3] for row in summary.iter_rows(min_row=5, values_only=True) if row[-1]}
    assert states["VAM.xlsx"] == "Kelvollinen"
    assert states["VAM - Kopio.xlsx"] == "Ei käytetty: uudempi versio käytössä"


def test_same_version_date_the_later_saved_file_is_used(tmp_path, reference, labels):
    old = vam(tmp_path / "VAM.xlsx", reference, labels, version=dt.date(2026, 11, 6), saved=1_800_000_000)
    new = vam(tmp_path / "VAM-tarkistettu.xlsx", reference, labels, version=dt.date(2026, 11, 6),
              saved=1_800_000_100)
    first, second = read_intakes([old, new], reference, labels)
    assert (first.superseded_by, second.superseded_by) == ("VAM-tarkistettu.xlsx", "")
    assert first.warnings[-1].message == (
        "Tätä työkirjaa ei käytetä: palvelulinjan VAM työkirja VAM-tarkistettu.xlsx on tallennettu myöhemmin, ja "
        "version päivämäärä on sama.")


def test_two_workbooks_that_cannot_be_told_apart_are_both_rejected(tmp_path, reference, labels):
    a = vam(tmp_path / "VAM.xlsx", reference, labels, version=dt.date(2026, 11, 6))
    b = vam(tmp_path / "VAM (2).xlsx", reference, labels, version=dt.date(2026, 11, 6))
    results = read_intakes([a, b], reference, labels)
    assert [r.valid for r in results] == [False, False]
    assert results[0].errors[-1].message == (
        "Palvelulinjalla VAM on useampi työkirja (VAM (2).xlsx), eikä uudempaa voi päätellä: version päivämäärä ja "
        "tiedoston tallennusaika ovat samat.")


def test_annotated_copies_never_go_where_workbooks_are_read(tmp_path, reference, labels):
    folder = tmp_path / "in"
    folder.mkdir()
    path = vam(folder / "VAM.xlsx", reference, labels, version=dt.date(2026, 11, 6))
    edit(path, no_line_name)
    result = run("validate", folder, "--annotate", folder)
    assert result.exit_code == 2
    assert result.output.startswith(f"Virhe: Merkittyjä kopioita ei kirjoiteta kansioon ”{folder}”, koska sieltä "
                                    "luetaan työkirjoja")
    assert sorted(p.name for p in folder.iterdir()) == ["VAM.xlsx"]


def test_annotate_without_a_folder_writes_under_output(tmp_path, reference, labels, monkeypatch):
    monkeypatch.chdir(tmp_path)          # the default output folder is relative to the current folder
    path = vam(tmp_path / "VAM.xlsx", reference, labels, version=dt.date(2026, 11, 6))
    edit(path, no_line_name)
    result = run("validate", path, "--annotate")
    assert result.exit_code == 1
    copy = tmp_path / "output" / "tarkistetut" / "VAM-tarkistettu.xlsx"
    assert result.stderr == "Merkitty kopio: output/tarkistetut/VAM-tarkistettu.xlsx\n"
    assert copy.is_file()


def test_samples_are_not_written_among_the_lines_own_workbooks(tmp_path, reference, labels, monkeypatch):
    import pipeline.commands.intake
    monkeypatch.setattr(pipeline.commands.intake, "sample_codes", lambda: ["NAO"])      # one sample is enough here
    vam(tmp_path / "VAM-tietopohja.xlsx", reference, labels, version=dt.date(2026, 11, 6))
    result = run("intake", "samples", "-o", tmp_path)
    assert result.exit_code == 2
    assert result.output == (
        f"Virhe: Kansiossa ”{tmp_path}” on palvelulinjojen omia työkirjoja (VAM-tietopohja.xlsx), ja esimerkit "
        "sekoittuisivat niihin koonnissa. Anna toinen kansio (-o KANSIO) tai kirjoita esimerkit silti valinnalla "
        "--force.\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["VAM-tietopohja.xlsx"]
    assert run("intake", "samples", "-o", tmp_path / "esimerkit").exit_code == 0


# --- item 3: every file of a folder is read or reported ------------------------------------------------------------

def test_files_that_are_not_read_are_reported_by_name_and_reason(tmp_path, reference, labels):
    write_plan(load_sample("NAO"), tmp_path / "NAO.xlsx", reference, labels)
    (tmp_path / "VAM vanha.xls").write_bytes(OLE2 + b"\x00" * 600)
    (tmp_path / "muistio.docx").write_bytes(b"PK")
    (tmp_path / "~$NAO.xlsx").write_bytes(b"lock")
    (tmp_path / ".~lock.NAO.xlsx#").write_bytes(b"lock")
    (tmp_path / ".DS_Store").write_bytes(b"\x00")
    (tmp_path / "vanhat").mkdir()
    result = run("validate", tmp_path)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-3:] == [
        "VAM vanha.xls: varoitus – Tiedosto on vanhaa Excel 97–2003 -muotoa (.xls), joten sitä ei luettu. "
        "Korjaus: Avaa tiedosto Excelissä ja tallenna se muodossa Excel-työkirja (.xlsx).",
        "muistio.docx: varoitus – Tiedostoa ei luettu, koska se ei ole Excel-työkirja (.xlsx, .xlsm) eikä "
        "LibreOffice-laskentataulukko (.ods). Korjaus: Jos tiedosto on palvelulinjan tietopohja, tallenna se "
        "muodossa .xlsx; muuten siirrä se pois kansiosta.",
        "Yhteensä 1 työkirja: 1 kelvollinen, 0 virheellistä.",
    ]
    assert "lock" not in result.output and "DS_Store" not in result.output
    items = json.loads(run("validate", tmp_path, "--format", "json").output)
    assert [(i["code"], i["severity"], i["file"], i["cell"]) for i in items] == [
        ("skipped.xls", "varoitus", "VAM vanha.xls", ""), ("skipped.other", "varoitus", "muistio.docx", "")]


def test_build_prints_and_reports_the_files_it_did_not_read(tmp_path, reference, labels):
    folder = tmp_path / "in"
    folder.mkdir()
    write_plan(load_sample("NAO"), folder / "NAO.xlsx", reference, labels)
    (folder / "VAM.xls").write_bytes(OLE2 + b"\x00" * 600)
    result = run("build", folder, "-o", tmp_path / "out", "--as-of", "25.11.2026")
    line = ("VAM.xls: varoitus – Tiedosto on vanhaa Excel 97–2003 -muotoa (.xls), joten sitä ei luettu. Korjaus: "
            "Avaa tiedosto Excelissä ja tallenna se muodossa Excel-työkirja (.xlsx).")
    assert result.exit_code == 0 and line in result.output.splitlines()
    assert line in (tmp_path / "out" / "tarkistusraportti.txt").read_text(encoding="utf-8").splitlines()


def test_a_folder_of_only_old_excel_files_is_a_usage_error_naming_them(tmp_path):
    (tmp_path / "VAM.xls").write_bytes(OLE2 + b"\x00" * 600)
    result = run("validate", tmp_path)
    assert result.exit_code == 2
    assert result.output == ("Virhe: Kansiosta ei löytynyt yhtään luettavaa työkirjaa (.xlsx, .xlsm tai .ods). "
                             "Ohitetut tiedostot: VAM.xls. Tallenna tietopohjat muodossa Excel-työkirja (.xlsx).\n")


def test_xlsm_is_read_and_its_macros_are_ignored_with_a_warning(tmp_path, reference, labels):
    source = write_plan(load_sample("NAO"), tmp_path / "x.xlsx", reference, labels)
    target = tmp_path / "NAO.xlsm"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            new.writestr(item, old.read(item.filename))
        new.writestr("xl/vbaProject.bin", b"\x00" * 64)
    source.unlink()
    result = run("validate", tmp_path)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("NAO.xlsm: kelvollinen – 0 virhettä, 1 varoitus")
    assert ("  varoitus: Työkirjassa on makroja (.xlsm); niitä ei ajeta, vaan työkirjasta luetaan vain solujen "
            "tiedot. Korjaus: Tallenna työkirja muodossa Excel-työkirja (.xlsx), jos makroja ei tarvita."
            ) in result.output
    assert read_intake(target, reference, labels).plan == load_sample("NAO")


@pytest.mark.office
def test_ods_saved_by_libreoffice_is_read_like_the_xlsx(tmp_path, reference, labels):
    source = write_plan(load_sample("KAT"), tmp_path / "KAT.xlsx", reference, labels)
    ods, = convert([source], "ods", tmp_path / "ods")
    result = run("validate", ods.parent)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("KAT.ods: kelvollinen – 0 virhettä, 0 varoitusta")
    assert read_intake(ods, reference, labels).plan == load_sample("KAT")
    # a formula showing an error and a cell comment, as LibreOffice stores them: reported as in an .xlsx
    def change(xml: str) -> str:
        facilitator = re.compile(r'<table:table-cell[^>]*><text:p>Kotihoidon esihenkilö Mervi Lahtinen</text:p>'
                                 r'</table:table-cell>')
        xml, found = facilitator.subn('<table:table-cell table:formula="of:=1/0" office:value-type="string" '
                                      'office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p>'
                                      '</table:table-cell>', xml)
        link = '<text:p>https://teams.example.invalid/luvn/kat-digiasiointi</text:p>'
        assert found == 1 and xml.count(link) == 1
        return xml.replace(link, '<office:annotation><dc:creator>Tiina</dc:creator><text:p>Linkki vaihtuu '
                                 'tammikuussa</text:p></office:annotation>' + link)
    rewrite_ods(ods, change)
    lines = run("validate", ods.parent).output.splitlines()
    assert lines[0] == "KAT.ods: virheellinen – 1 virhe, 1 varoitus, täyttöaste 91\u00a0%"
    assert lines[2:4] == [
        "  virhe: Perustiedot › B5, Operatiivinen vastuuhenkilö: Solun kaava näyttää virheen #DIV/0!, joten solua ei "
        "voi lukea. Korjaus: Korjaa kaava (esim. jako nollalla tai kirjoitusvirhe funktion nimessä) tai kirjoita arvo "
        "suoraan soluun.",
        "  varoitus: Perustiedot › B8: Solun kommenttia ”Linkki vaihtuu tammikuussa” ei lueta suunnitelmaan. Korjaus: "
        "Kirjoita kommentin tieto pohjan huomiosarakkeeseen tai Perustiedot-välilehden huomautukseen, jos se kuuluu "
        "suunnitelmaan."]


def rewrite_ods(path, change) -> None:
    """The .ods at PATH with its content.xml changed by CHANGE (text → text); the other parts as they were."""
    with zipfile.ZipFile(path) as archive:
        parts = {info: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts.items():
            archive.writestr(info, change(data.decode()).encode() if info.filename == "content.xml" else data)


# --- item 6: the file name's line and the workbook's line ---------------------------------------------------------

def test_file_named_for_another_line_is_warned_with_the_rename_hint(tmp_path, reference, labels):
    path = write_plan(load_sample("VAM"), tmp_path / "KAT-tietopohja.xlsx", reference, labels)
    result = read_intake(path, reference, labels)
    assert result.valid and result.line_code == "VAM"
    [warning] = result.warnings
    assert (warning.sheet, warning.cell) == ("Perustiedot", "B3")
    assert warning.message == ("Tiedoston nimen mukaan työkirja on palvelulinjan KAT, mutta Perustiedoissa tunnus "
                               "on VAM.")
    assert warning.hint == ("Jos työkirja on linjan VAM suunnitelma, nimeä tiedosto uudelleen (esim. "
                            "VAM-tietopohja.xlsx); muuten vaihda kansioon linjan KAT työkirja.")


def test_line_code_changed_against_area_and_file_name_is_the_error(tmp_path, reference, labels):
    path = write_plan(load_sample("VAM"), tmp_path / "VAM-tietopohja.xlsx", reference, labels)
    edit(path, lambda book: book["Perustiedot"].cell(3, 2, "KAT"))
    [error] = read_intake(path, reference, labels).errors
    assert (error.sheet, error.cell) == ("Perustiedot", "B3")
    assert error.message == "Palvelulinjan tunnus KAT ei kuulu palvelualueeseen ”Vammaispalvelut”."
    assert error.hint == ("Korjaa tunnukseksi VAM; jos työkirja on linjan KAT suunnitelma, vaihda palvelualueeksi "
                          "”Ikääntyneiden palvelut”.")
