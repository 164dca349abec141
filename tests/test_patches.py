"""The patches of third-party libraries (pipeline/render/oxml.py; click's gettext calls in pipeline/cli.py): each
written for a range of library versions, none installed on import, and rendering without them stops loudly."""
from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

import pytest
from packaging.version import Version

from pipeline.build.workers import Workers
from pipeline.cli import CLICK_TESTED
from pipeline.paths import PROJECT_ROOT
from pipeline.render import oxml

RANGES = {**oxml.TESTED, "click": CLICK_TESTED}


@pytest.mark.parametrize("library", sorted(RANGES))
def test_the_installed_library_is_in_the_range_its_patch_was_written_for(library):
    lowest, beyond = RANGES[library]
    installed = Version(version(library))
    assert Version(lowest) <= installed < Version(beyond), (
        f"{library} {installed} is outside {lowest} ≤ version < {beyond}: check the patch still fits, then widen")


def test_the_range_check_rejects_a_version_outside_it():
    lowest, beyond = RANGES["python-docx"]
    assert not Version(lowest) <= Version("2.0") < Version(beyond)


def python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=120)


def test_importing_the_program_patches_nothing():
    done = python(
        "import gettext\n"
        "import click.core, docx.oxml.ns, docx.oxml.xmlchemy, pptx.oxml.xmlchemy\n"
        "import pipeline.cli, pipeline.render.word.line, pipeline.render.deck.build, pipeline.build.stages\n"
        "from pipeline.render import oxml\n"
        "assert docx.oxml.xmlchemy.BaseOxmlElement.xpath.__qualname__ == 'BaseOxmlElement.xpath'\n"
        "assert pptx.oxml.xmlchemy.BaseOxmlElement.xpath.__qualname__ == 'BaseOxmlElement.xpath'\n"
        "assert not hasattr(docx.oxml.ns.qn, 'cache_info')\n"
        "assert click.core._ is gettext.gettext\n"
        "assert not oxml.installed()\n"
        "oxml.install()\n"
        "assert oxml.installed() and hasattr(docx.oxml.ns.qn, 'cache_info')\n"
        "assert docx.oxml.ns.nsmap['cp'] == oxml.CORE_PROPERTIES\n")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("renderer", ["pipeline.render.word.line:render_word_plan",
                                      "pipeline.render.deck.build:render_deck"])
def test_rendering_without_the_patches_stops_loudly(renderer):
    module, name = renderer.split(":")
    done = python(
        "import datetime as dt\n"
        "from pipeline.render.context import RenderContext\n"
        "from pipeline.samples import load_sample\n"
        f"from {module} import {name}\n"
        f"{name}(load_sample('NAO'), RenderContext.load(dt.date(2026, 12, 6)))\n")
    assert done.returncode == 1
    assert "RuntimeError: pipeline.render.oxml.install() was not called before rendering" in done.stderr


def _square_or_die(item: int, ctx) -> int:
    if item == 3:
        import os
        os._exit(1)             # a worker killed (out of memory, a signal)
    return item * item


def test_a_killed_worker_fails_its_items_and_the_next_batch_gets_new_workers(ctx):
    with Workers(ctx, 2) as pool:
        first = {item: (result, error) for item, result, error, _ in pool.run(_square_or_die, [1, 2, 3, 4, 5])}
        again = {item: result for item, result, error, _ in pool.run(_square_or_die, [4, 5, 6, 7])}
    assert first[3][0] is None and first[3][1].startswith("BrokenProcessPool")
    assert again == {4: 16, 5: 25, 6: 36, 7: 49}


@pytest.mark.parametrize("library, ns, parent, first, second, other", [
    ("docx", "http://schemas.openxmlformats.org/wordprocessingml/2006/main", "w:rPr", "w:b", "w:i", "w:u"),
    ("pptx", "http://schemas.openxmlformats.org/drawingml/2006/chart", "c:ser", "c:cat", "c:val", "c:extLst")])
def test_the_first_child_found_is_the_first_tag_names_not_the_first_in_the_document(library, ns, parent, first,
                                                                                     second, other):
    """python-docx's and python-pptx's `first_child_found_in`: the first of the tag names that a child has wins,
    whatever the children's order; of children with that tag, the first; none of them, None."""
    parse = __import__(f"{library}.oxml", fromlist=["parse_xml"]).parse_xml
    prefix = parent.split(":")[0]
    element = parse(f'<{parent} xmlns:{prefix}="{ns}"><{second} n="1"/><{other}/><{first} n="2"/><{first} n="3"/>'
                    f'<{second} n="4"/></{parent}>')
    missing = f"{prefix}:missing"
    assert element.first_child_found_in(missing, first, second).get("n") == "2"
    assert element.first_child_found_in(second, first).get("n") == "1"
    assert element.first_child_found_in(missing) is None
    assert element.first_child_found_in() is None
    added = element.makeelement(f"{{{ns}}}added", {})
    element.insert_element_before(added, missing, first, second)
    assert [child.get("n") for child in element] == ["1", None, None, "2", "3", "4"]
    assert element[2] is added


def test_a_parts_relationships_file_is_the_librarys_own(ctx):
    """python-pptx's .rels files written as text: byte for byte what the library writes, for every part of a
    sample deck and for a part with an external link whose address lxml escapes and encodes."""
    import io

    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import _Relationships

    from pipeline.render.deck.build import render_deck
    from pipeline.samples import load_sample

    library = _Relationships.xml.fget.library
    deck = Presentation(io.BytesIO(render_deck(load_sample("NAO"), ctx)))
    slide = deck.slides[0].part
    slide.relate_to("https://esimerkki.fi/hyvä?a=1&b=<2>", RT.HYPERLINK, is_external=True)
    plain = deck.slides[1].part
    plain.relate_to("https://esimerkki.fi/sivu", RT.HYPERLINK, is_external=True)
    parts = list(deck.part.package.iter_parts())
    assert len(parts) > 20
    for part in parts:
        assert part.rels.xml == library(part.rels), part.partname
    assert b"hyv\xc3\xa4?a=1&amp;b=&lt;2&gt;" in slide.rels.xml
    assert b'Target="https://esimerkki.fi/sivu" TargetMode="External"/>' in plain.rels.xml
