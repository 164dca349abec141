"""Files that are not intake workbooks: each gets its own clear message, never a traceback."""
from __future__ import annotations

import zipfile

import pytest
from intake_helpers import sample_file

from pipeline.intake.load import read_intake

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_one(path, reference, labels):
    result = read_intake(path, reference, labels)
    assert result.plan is None and len(result.problems) == 1
    return result.problems[0]


@pytest.mark.parametrize("name, content, code, start", [
    ("empty.xlsx", b"", "file.empty", "Tiedosto on tyhjä"),
    ("data.xlsx", "nimi;kanava\nPäivystysapu;Chat\n".encode(), "file.csv", "Tiedosto on tekstitiedosto"),
    ("old.xlsx", OLE2 + b"\x00" * 600 + "Workbook".encode("utf-16-le"), "file.xls", "Tiedosto on vanhaa Excel"),
    ("secret.xlsx", OLE2 + b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le"), "file.encrypted",
     "Työkirja on salasanasuojattu"),
    ("noise.xlsx", bytes(range(256)) * 4, "file.not_xlsx", "Tiedosto ei ole Excel-työkirja"),
])
def test_bad_files_each_have_their_own_message(tmp_path, reference, labels, name, content, code, start):
    path = tmp_path / name
    path.write_bytes(content)
    problem = read_one(path, reference, labels)
    assert (problem.code, problem.file, problem.severity.value) == (code, name, "error")
    assert problem.message.startswith(start)
    assert problem.hint


def test_damaged_ods_is_reported_as_damaged_not_as_a_wrong_extension(tmp_path, reference, labels):
    path = tmp_path / "calc.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    problem = read_one(path, reference, labels)
    assert problem.code == "file.corrupt"
    assert problem.message == "Työkirja on vioittunut, eikä sitä voi lukea."


def test_zip_that_is_not_a_workbook(tmp_path, reference, labels):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hei")
    assert read_one(path, reference, labels).code == "file.not_xlsx"


def test_truncated_workbook_is_reported_as_damaged(tmp_path, reference, labels):
    path = sample_file(tmp_path, reference, labels)
    path.write_bytes(path.read_bytes()[:3000])
    assert read_one(path, reference, labels).code == "file.corrupt"


def test_zip_bomb_is_refused_before_parsing(tmp_path, reference, labels):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as stream:
            chunk = b"\0" * (1 << 20)
            for _ in range(210):
                stream.write(chunk)
    problem = read_one(path, reference, labels)
    assert problem.code == "file.too_large"
    assert problem.message == ("Työkirja on liian suuri luettavaksi: avattuna sen sisältö vie 220\u00a0Mt, kun raja "
                               "on 200\u00a0Mt.")


def test_csv_exported_in_windows_encoding_is_recognised_as_text(tmp_path, reference, labels):
    path = tmp_path / "vienti.xlsx"
    path.write_bytes(("palvelu;kanava\n" + "Päivystysapu;Chat\n" * 400).encode("cp1252"))
    assert read_one(path, reference, labels).code == "file.csv"


def test_workbook_that_cannot_be_opened_is_reported_not_a_traceback(tmp_path, reference, labels, monkeypatch):
    path = sample_file(tmp_path, reference, labels)
    real = type(path).read_bytes

    def locked(self):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)
    monkeypatch.setattr(type(path), "read_bytes", locked)       # as a workbook open in Excel on a shared drive
    problem = read_one(path, reference, labels)
    assert problem.code == "file.no_access"
    assert problem.message == "Tiedostoa ei voi avata: se on lukittu tai siihen ei ole lukuoikeutta."


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml"])
def test_entity_declarations_are_refused_as_damaged_never_expanded(tmp_path, reference, labels, part):
    """A part declaring entities (a 'billion laughs' bomb) is never expanded: the workbook is reported damaged."""
    source = sample_file(tmp_path, reference, labels)
    path = tmp_path / "laughs.xlsx"
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
              + "]>")
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == part:
                body = data[data.index(b"?>") + 2:] if data.startswith(b"<?xml") else data
                data = laughs.encode() + body.replace(b"</t>", b"&lol9;</t>", 1)
            new.writestr(info, data)
    assert part in zipfile.ZipFile(path).namelist()
    assert read_one(path, reference, labels).code == "file.corrupt"
