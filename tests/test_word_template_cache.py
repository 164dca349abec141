"""The Word templates' per-process cache (render/word/cached.py): documents of one template share its styles part,
yet what one render changes (a sub-document's styles, the language) never reaches another render's file; the body
parsed in place gives docxtpl's tree, and a table docxtpl would correct is corrected."""
from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from pipeline.officefiles import package_bytes
from pipeline.render.word.cached import CachedTemplate

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _template(folder, body: list[str], drop_style: str | None = None):
    """A small template made with python-docx: a paragraph per BODY text; DROP_STYLE removed from its styles."""
    document = docx.Document()
    for text in body:
        document.add_paragraph(text)
    if drop_style:
        styles = document.styles.element
        styles.remove(next(s for s in styles.iter(qn("w:style")) if s.get(qn("w:styleId")) == drop_style))
    path = folder / "small.docx"
    document.save(str(path))
    return path


def _render(path, lang: str, context) -> bytes:
    template = CachedTemplate(str(path), lang)
    template.render(context(template), autoescape=True)
    return package_bytes(template)


def _part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name)


def _style_ids(data: bytes) -> set[str]:
    root = etree.fromstring(_part(data, "word/styles.xml"))
    return {s.get(f"{W}styleId") for s in root.iter(f"{W}style")}


def _language(data: bytes) -> str:
    root = etree.fromstring(_part(data, "word/styles.xml"))
    return root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val")


def test_a_sub_documents_styles_stay_in_its_own_file(tmp_path):
    path = _template(tmp_path, ["{{p sub }}"], drop_style="IntenseQuote")
    quote = docx.Document()                                  # python-docx's own template has the style
    quote.add_paragraph("Lainaus", style="Intense Quote")
    quote.save(str(tmp_path / "quote.docx"))

    def with_sub(template):
        return {"sub": template.new_subdoc(str(tmp_path / "quote.docx"))}

    before = _render(path, "fi-FI", lambda _: {"sub": ""})
    composed = _render(path, "fi-FI", with_sub)
    after = _render(path, "fi-FI", lambda _: {"sub": ""})
    assert "IntenseQuote" in _style_ids(composed)
    assert "IntenseQuote" not in _style_ids(after)
    assert after == before


def test_each_language_gets_its_own_styles(tmp_path):
    path = _template(tmp_path, ["Teksti"])
    outputs = [_render(path, lang, lambda _: {}) for lang in ("sv-SE", "fi-FI", "sv-SE")]
    assert [_language(o) for o in outputs] == ["sv-SE", "fi-FI", "sv-SE"]
    assert outputs[0] == outputs[2]


def test_the_body_is_the_rendered_one_with_the_templates_namespaces(tmp_path):
    path = _template(tmp_path, ["{{ a }}", "Kiinteä", "{{ b }}"])
    data = _render(path, "fi-FI", lambda _: {"a": "Ensimmäinen & toinen", "b": "<kolmas>"})
    opened = docx.Document(io.BytesIO(data))
    assert [p.text for p in opened.paragraphs] == ["Ensimmäinen & toinen", "Kiinteä", "<kolmas>"]
    xml = _part(data, "word/document.xml").decode()
    assert "<w:body>" in xml                                 # the body declares nothing of its own


@pytest.mark.parametrize("values, columns", [(["A", "B", "C", "D"], 4), (["A", "B"], 2)])
def test_a_table_with_more_or_fewer_cells_than_columns_is_corrected(tmp_path, values, columns):
    """docxtpl's correction of a table's grid (three columns in the template) to the cells a column loop made."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["{%tc for x in cols %}", "{{ x }}", "{%tc endfor %}"], strict=True):
        cell.text = text
    path = tmp_path / "table.docx"
    document.save(str(path))
    data = _render(path, "fi-FI", lambda _: {"cols": values})
    opened = docx.Document(io.BytesIO(data))
    grid = opened.tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))
    cells = opened.tables[0]._tbl.tr_lst[0].findall(qn("w:tc"))
    assert ["".join(t.text for t in c.iter(qn("w:t"))) for c in cells] == values
    assert len(grid) == columns


def test_a_dicts_keys_are_read_as_jinja_reads_them():
    """The Word templates' environment reads `a.b` of a dict as jinja does: the key, a missing one an error, and
    a dict's own method before a key of the same name."""
    import jinja2

    from pipeline.render.word.document import jinja_env

    env = jinja_env()
    assert env.from_string("{{ a.b }}|{{ a.c.d }}").render(a={"b": "x", "c": {"d": 2}}) == "x|2"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ a.missing }}").render(a={"b": "x"})
    assert env.from_string("{{ a.items is string }}").render(a={"items": "own"}) == "False"
    assert env.from_string("{{ a['items'] }}").render(a={"items": "own"}) == "own"
