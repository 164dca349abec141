"""The deck template opened once per process (render/deck/template.py): every deck starts from a copy of it and
shares its master and layouts, yet no deck's slides, language or names reach another deck."""
from __future__ import annotations

import io
import zipfile

from pipeline.render.context import RenderContext
from pipeline.render.deck.build import render_deck
from pipeline.samples import load_sample
from tools.stress import stress_plan


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _slides(data: bytes) -> int:
    return sum(1 for name in _members(data) if name.startswith("ppt/slides/slide") and name.endswith(".xml"))


def test_a_deck_is_the_same_whatever_was_rendered_before(ctx, sv, sv_reference):
    plan = load_sample("NAO")
    first = render_deck(plan, ctx)
    swedish = render_deck(plan, RenderContext(sv_reference, sv, ctx.as_of))
    bigger = render_deck(stress_plan(plan), ctx)
    again = render_deck(plan, ctx)
    assert again == first
    assert _slides(bigger) > _slides(first)
    layout = "ppt/slideLayouts/slideLayout1.xml"
    assert b'lang="sv-FI"' in _members(swedish)["ppt/slideMasters/slideMaster1.xml"]
    assert b'lang="sv-FI"' not in _members(first)["ppt/slideMasters/slideMaster1.xml"]
    assert _members(swedish)[layout] != _members(first)[layout]          # the layouts' names in Swedish
