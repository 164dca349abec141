"""Drawing the timeline slides: the geometry of timeline_layout.py turned into native PowerPoint shapes."""
from __future__ import annotations

import datetime as dt

from pptx.enum.dml import MSO_LINE_DASH_STYLE, MSO_THEME_COLOR
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Pt

from pipeline.catalog import Labels
from pipeline.formatting import fi_date
from pipeline.render.deck.pager import Pager
from pipeline.render.deck.placement import emu
from pipeline.render.deck.specs import Bullets
from pipeline.render.deck.textfit import Face
from pipeline.render.deck.timeline_layout import (
    PAD,
    Axis,
    Item,
    Lane,
    channel_label,
    choose_columns,
    is_yearly,
    lanes_of,
    place,
)

GRID_NAME = "timeline-grid"
BAR_NAME = "timeline-item-{index}"
TODAY_NAME = "timeline-today"


SHAPES = {"phase": MSO_SHAPE.ROUNDED_RECTANGLE, "milestone": MSO_SHAPE.DIAMOND,
          "golive": MSO_SHAPE.ISOSCELES_TRIANGLE, "shutdown": MSO_SHAPE.MATH_MULTIPLY}
# The theme's colours, so the deck restyles with its template: a phase by its state, the marks by their kind.
COLOURS = {"planned": MSO_THEME_COLOR.ACCENT_1, "done": MSO_THEME_COLOR.ACCENT_4, "on_hold": MSO_THEME_COLOR.ACCENT_3,
           "late": MSO_THEME_COLOR.ACCENT_6, "milestone": MSO_THEME_COLOR.ACCENT_5, "golive": MSO_THEME_COLOR.ACCENT_2,
           "shutdown": MSO_THEME_COLOR.TEXT_2}
MIN_LANE_FACTOR = 1.15            # lanes are squeezed down to this many bar heights before any is left out


def _colour_key(item: Item) -> str:
    return item.state if item.kind == "phase" else item.kind


class TimelineSlides:
    """Draws the timeline of one plan on one slide: lanes squeezed to fit, and beyond that left out with the
    slide saying so."""

    def __init__(self, pager: Pager, labels: Labels, channel_name, as_of: dt.date) -> None:
        self.pager = pager
        self.t = pager.t
        self.labels = labels
        self.channel_name = channel_name
        self.as_of = as_of
        frame = self.t.frame("timeline", 1)
        self.frame = frame
        self.face: Face = frame.style.face
        self.line = self.face.line_height
        self.bar_h = self.line + 2
        self.lane_h = self.bar_h + 2 * PAD
        self.row_h = self.line + 2 * PAD

    def _names(self) -> dict:
        node = self.labels.node("deck.timeline")
        return {"months": node["months"], "quarter": node["quarter"], "year": node["year"]}

    def render(self, items: list[Item], title: str, notes: str, more: str = "") -> None:
        if not items:
            self.pager.bullets(Bullets(title, [], notes))
            return
        width, height = self.frame.width / 12700, self.frame.height / 12700
        names = {code: self.channel_name(code) for code in dict.fromkeys(i.channel for i in items)}
        bold = self.face.with_bold(True)
        label_w = min(max(bold.length(n) for n in names.values()) + 2 * PAD + 2, 0.2 * width)
        label_w = max(label_w, 0.1 * width)
        grid_w = width - label_w
        first = min([i.start for i in items] + [self.as_of])
        last = max([i.end or i.start for i in items] + [self.as_of])
        unit, cols = choose_columns(first, last, grid_w, self.face, self._names())
        axis = Axis(cols, grid_w)
        lanes: list[Lane] = []
        for code in names:
            placed = [place(i, axis, self.face, self.bar_h) for i in items if i.channel == code]
            lanes.extend(lanes_of(code, placed))
        header_h = self.row_h * (1 if is_yearly(unit) else 2)
        capacity = height - header_h - 2 * self.row_h - PAD
        self.lane_h = max(min(capacity / len(lanes), 2.2 * self.lane_h), self.bar_h * MIN_LANE_FACTOR)
        fit = max(1, int(capacity // self.lane_h))
        # a channel is shown whole or left out whole (named under the timeline), never cut after its first rows
        if fit < len(lanes) and not lanes[fit].first:
            start = max(i for i in range(fit) if lanes[i].first)     # where the channel cut short begins
            fit = start or fit                                       # (the first channel alone: its rows that fit)
        shown = lanes[:fit]
        slide = self.pager.slide("timeline", title, notes)
        self.t.remove(self.t.placeholder(slide, 1))
        self._draw(slide, shown, names, cols, unit, axis, label_w, header_h, {_colour_key(i) for i in items},
                   self._left_out(lanes[len(shown):], names, more) or (more if len(shown) < len(lanes) else ""))

    def _left_out(self, lanes: list[Lane], names: dict, more: str) -> str:
        """What the lanes left out hold, named: '+ 2 palvelua (Terveys- ja hyvinvointitiedot) …' ('' when none)."""
        if not lanes:
            return ""
        services = sum(1 for lane in lanes for entry in lane.items if entry.item.kind == "golive")
        channels = ", ".join(dict.fromkeys(names[lane.channel] for lane in lanes))
        if not services:
            return self.labels.get("deck.timeline.more_phases", channels=channels, more=more)
        return self.labels.get("deck.timeline.more_services", count=services, channels=channels, more=more)

    # -- drawing ----------------------------------------------------------------------------------------------------
    def _draw(self, slide, lanes, names, cols, unit, axis, label_w, header_h, kinds, more) -> None:
        left, top = self.frame.left / 12700, self.frame.top / 12700
        grid_x = left + label_w
        rows_h = len(lanes) * self.lane_h
        shapes = slide.shapes
        grid = shapes.add_shape(MSO_SHAPE.RECTANGLE, emu(grid_x), emu(top), emu(axis.width), emu(header_h + rows_h))
        grid.name = GRID_NAME
        grid.fill.background()
        grid.shadow.inherit = False
        self._outline(grid, MSO_THEME_COLOR.TEXT_2, 0.75)
        self._bands(shapes, lanes, left, top + header_h, label_w + axis.width, names, label_w)
        self._header(shapes, cols, unit, axis, grid_x, top)
        for col in cols[1:]:
            x = grid_x + axis.x(col.start)
            line = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, emu(x), emu(top + self.row_h * (not is_yearly(unit))),
                                        emu(x), emu(top + header_h + rows_h))
            self._outline(line, MSO_THEME_COLOR.TEXT_2, 0.5 if col.start.month != 1 else 1.0, lighter=0.7)
        x = grid_x + axis.x(self.as_of)
        today = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, emu(x), emu(top), emu(x), emu(top + header_h + rows_h))
        today.name = TODAY_NAME
        self._outline(today, MSO_THEME_COLOR.ACCENT_6, 2.0, dashed=True)
        for n, lane in enumerate(lanes):
            y = top + header_h + n * self.lane_h + (self.lane_h - self.bar_h) / 2
            for entry in lane.items:
                self._item(shapes, entry, grid_x, y)
        self._legend(shapes, left, top + header_h + rows_h + PAD, kinds, more)

    def _bands(self, shapes, lanes, x, y, width, names, label_w) -> None:
        """A shaded band per channel block and the channel's name in the label column."""
        blocks: list[list[int]] = []
        for n, lane in enumerate(lanes):
            if lane.first:
                blocks.append([])
            blocks[-1].append(n)
        for b, block in enumerate(blocks):
            top = y + block[0] * self.lane_h
            height = len(block) * self.lane_h
            band = shapes.add_shape(MSO_SHAPE.RECTANGLE, emu(x), emu(top), emu(width), emu(height))
            band.fill.solid()
            band.fill.fore_color.theme_color = MSO_THEME_COLOR.BACKGROUND_2 if b % 2 == 0 else \
                MSO_THEME_COLOR.BACKGROUND_1
            band.line.fill.background()
            band.shadow.inherit = False
            name = channel_label(names[lanes[block[0]].channel], self.face, label_w, len(block), self.lane_h)
            self._text(shapes, name, x, top, label_w, height, bold=True, anchor=MSO_ANCHOR.MIDDLE)

    def _header(self, shapes, cols, unit, axis, grid_x, top) -> None:
        unit_y = top + (0 if is_yearly(unit) else self.row_h)
        for col in cols:
            x0, x1 = grid_x + axis.x(col.start), grid_x + axis.x(col.end)
            if self.face.length(col.label) + 2 * PAD + 1 <= x1 - x0:     # decades-long plans: no crowding
                self._text(shapes, col.label, x0, unit_y, x1 - x0, self.row_h, align=PP_ALIGN.CENTER)
        if is_yearly(unit):
            return
        for year in sorted({c.year for c in cols}):
            span = [c for c in cols if c.year == year]
            x0, x1 = grid_x + axis.x(span[0].start), grid_x + axis.x(span[-1].end)
            label = self.labels.get("deck.timeline.year", year=year)
            if self.face.with_bold(True).length(label) + 2 * PAD + 1 <= x1 - x0:
                self._text(shapes, label, x0, top, x1 - x0, self.row_h, bold=True, align=PP_ALIGN.CENTER)

    def _item(self, shapes, entry, grid_x, y) -> None:
        item = entry.item
        shape = shapes.add_shape(SHAPES[item.kind], emu(grid_x + entry.x0), emu(y), emu(entry.x1 - entry.x0),
                                 emu(self.bar_h))
        shape.name = BAR_NAME.format(index=item.index)
        shape.fill.solid()
        shape.fill.fore_color.theme_color = COLOURS[_colour_key(item)]
        shape.line.fill.background()
        shape.shadow.inherit = False
        if entry.inside:
            self._fill(shape, entry.label, MSO_THEME_COLOR.BACKGROUND_1, PP_ALIGN.LEFT, MSO_ANCHOR.MIDDLE)
        else:
            self._text(shapes, entry.label, grid_x + entry.label_x0, y - 1, entry.label_x1 - entry.label_x0,
                       self.bar_h + 2, anchor=MSO_ANCHOR.MIDDLE,
                       align=PP_ALIGN.LEFT if entry.label_x0 >= entry.x1 else PP_ALIGN.RIGHT)

    def _legend(self, shapes, x, y, kinds: set[str], more: str) -> None:
        """A key for every state and mark present, the build-date line, and the MORE line when lanes were left out."""
        names = self.labels.node("deck.timeline.legend")
        entries: list = [(SHAPES["milestone" if key == "milestone" else key if key in SHAPES else "phase"],
                          COLOURS[key], names[key]) for key in COLOURS if key in kinds]
        entries.append((None, MSO_THEME_COLOR.ACCENT_6, self.labels.get("deck.timeline.today",
                                                                         date=fi_date(self.as_of))))
        if more:
            self._text(shapes, more, x, y + self.bar_h + PAD, self.frame.width / 12700, self.bar_h + 2)
        for kind, color, text in entries:
            key_w = self.bar_h * (1.6 if kind is MSO_SHAPE.ROUNDED_RECTANGLE else 1)
            if kind is None:
                mark = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, emu(x + key_w / 2), emu(y),
                                            emu(x + key_w / 2), emu(y + self.bar_h))
                self._outline(mark, color, 2.0, dashed=True)
            else:
                mark = shapes.add_shape(kind, emu(x), emu(y), emu(key_w), emu(self.bar_h))
                mark.fill.solid()
                mark.fill.fore_color.theme_color = color
                mark.line.fill.background()
                mark.shadow.inherit = False
            width = self.face.length(text) + 2 * PAD + 2
            self._text(shapes, text, x + key_w + 2, y - 1, width, self.bar_h + 2, anchor=MSO_ANCHOR.MIDDLE)
            x += key_w + width + 3 * PAD

    # -- primitives -------------------------------------------------------------------------------------------------
    def _text(self, shapes, text, x, y, w, h, bold=False, align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP) -> None:
        box = shapes.add_textbox(emu(x), emu(y), emu(w), emu(h))
        self._fill(box, text, MSO_THEME_COLOR.TEXT_1, align, anchor, bold)

    def _fill(self, shape, text, color, align, anchor, bold=False) -> None:
        frame = shape.text_frame
        frame.margin_left = frame.margin_right = Pt(PAD)
        frame.margin_top = frame.margin_bottom = Pt(1)
        frame.vertical_anchor = anchor
        self.t.write_paragraphs(frame, [[(text, bold)]], size=self.face.size, align=align, color=color)

    @staticmethod
    def _outline(shape, color, width_pt: float, dashed: bool = False, lighter: float = 0.0) -> None:
        shape.line.color.theme_color = color
        if lighter:
            shape.line.color.brightness = lighter
        shape.line.width = Pt(width_pt)
        if dashed:
            shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
