"""Where shapes go on a slide, in whole EMU.

DrawingML writes a shape's position and size as integers (ST_Coordinate, ST_PositiveCoordinate). python-pptx
writes whatever number it is given, so a float reaching `left`, `top`, `width` or `height` (a gap in points, a
share of a frame) ends up as `x="548640.0"`, which PowerPoint answers with a repair prompt. The deck's layout code
computes in points or EMU as it likes and hands every position and size to python-pptx through these helpers."""
from __future__ import annotations

from pptx.util import Emu

from pipeline.render.deck.textfit import EMU_PER_PT


def emu(points: float) -> Emu:
    """POINTS as whole EMU."""
    return Emu(round(points * EMU_PER_PT))


def whole(value: float) -> Emu:
    """A length already in EMU (perhaps computed as a float) as whole EMU."""
    return Emu(round(value))


def rect(left: float, top: float, width: float, height: float) -> tuple[Emu, Emu, Emu, Emu]:
    """A shape's position and size (EMU, perhaps floats) as whole EMU, in python-pptx's argument order."""
    return whole(left), whole(top), whole(width), whole(height)
