"""reproducible_zip: the same zip whatever the library's entry times and order, deflated entries copied as they are."""
from __future__ import annotations

import io
import zipfile

from pipeline.officefiles import reproducible_zip

ENTRIES = {"word/document.xml": b"<w:document>" + b"teksti " * 500 + b"</w:document>",
           "_rels/.rels": b"<Relationships/>",
           "[Content_Types].xml": b"<Types/>",
           "word/media/image1.png": bytes(range(256)) * 4}


def library_zip(date_time: tuple[int, ...], stored: str = "") -> bytes:
    """ENTRIES as a library writes them: its own times, its own order, deflated (STORED: this entry stored)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in ("word/media/image1.png", "word/document.xml", "[Content_Types].xml", "_rels/.rels"):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_STORED if name == stored else zipfile.ZIP_DEFLATED
            target.writestr(info, ENTRIES[name])
    return out.getvalue()


def expected_zip(replace: dict[str, bytes] | None = None) -> bytes:
    """The reproducible form written entry by entry with zipfile: content types, package rels, then by name."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in ("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/media/image1.png"):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, replace.get(name, ENTRIES[name]))
    return out.getvalue()


def test_same_bytes_whatever_the_library_times_and_order():
    first = reproducible_zip(library_zip((2026, 12, 6, 21, 59, 0)))
    second = reproducible_zip(library_zip((2027, 1, 2, 8, 0, 30)))
    assert first == second == expected_zip()


def test_stored_and_replaced_entries_are_compressed_like_the_others():
    new_types = b"<Types><Default/></Types>"
    result = reproducible_zip(library_zip((2026, 12, 6, 21, 59, 0), stored="word/document.xml"),
                              {"[Content_Types].xml": new_types})
    assert result == expected_zip({"[Content_Types].xml": new_types})
    book = zipfile.ZipFile(io.BytesIO(result))
    assert book.testzip() is None
    assert book.read("word/document.xml") == ENTRIES["word/document.xml"]
    assert [i.date_time for i in book.infolist()] == [(1980, 1, 1, 0, 0, 0)] * 4


def test_a_package_written_directly_equals_the_library_save_made_reproducible(tmp_path):
    """package_bytes (the parts straight into the zip, a part compressed before reused) gives the bytes of the
    library's own save followed by reproducible_zip, for a deck and a Word document, twice in a row."""
    import docx
    import pptx

    from pipeline.officefiles import package_bytes, save_to_bytes

    deck = pptx.Presentation()
    deck.slides.add_slide(deck.slide_layouts[1]).shapes.title.text = "Päätökset"
    document = docx.Document()
    document.add_paragraph("Käyttöönottosuunnitelma")
    for made in (deck, document):
        first, second = package_bytes(made), package_bytes(made)
        assert first == second == reproducible_zip(save_to_bytes(made))
        assert zipfile.ZipFile(io.BytesIO(first)).testzip() is None
