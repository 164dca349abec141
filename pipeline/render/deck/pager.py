"""Slide content → measured slides: every spec on exactly one slide of its layout.

Each text is measured with the template's fonts and written whole when the slide holds it; otherwise the longest
items or cells are shortened with an ellipsis (never below a few lines), and items or rows beyond the slide's room
are left out with the spec's `more` line saying where the whole list is (the Word plan). No continuation slides: a
pair or a column never ends up half on another slide."""
from __future__ import annotations

from dataclasses import replace

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu

from pipeline.catalog import Labels
from pipeline.render.deck.placement import emu, rect, whole
from pipeline.render.deck.specs import Bullets, Cell, Columns, Cover, Risks, Run, Status, Table, clean
from pipeline.render.deck.template import DeckTemplate, Frame, fitted_title
from pipeline.render.deck.textfit import EMU_PER_PT, MIN_SIZE_PT, Face, ParaStyle, para_height, shorten, wrap

MAX_ITEM_LINES = 4               # a bullet longer than this is shortened on the slide
MAX_CELL_LINES = 4               # likewise a table cell
CELL_MARGINS = (91440, 45720)    # python-pptx / PowerPoint default cell insets (left/right, top/bottom), EMU
NOTE_SIZE = 12.0                 # the "more" line under a table
KEY_MESSAGE_MIN_PT = 16.0        # a long key message is set smaller, down to this, before it is shortened
GROW_MAX_PT = 22.0               # a short list is set larger, up to this, while it fills at most GROW_FILL of its frame
GROW_STEP_PT = 2.0
TABLE_GROW_MAX_PT = 18.0
GROW_FILL = 0.75


class Pager:
    """Writes content specs as measured slides."""

    def __init__(self, template: DeckTemplate, labels: Labels) -> None:
        self.t = template
        self.labels = labels

    # -- titles and covers ------------------------------------------------------------------------------------------
    def slide(self, layout: str, title: str, notes: str):
        slide = self.t.add_slide(layout)
        self.t.set_title(slide, fitted_title(title, self.t.frame(layout, 0))[0])
        self.t.write_notes(slide, notes)
        return slide

    def cover(self, spec: Cover) -> None:
        slide = self.slide(spec.layout, spec.title, spec.notes)
        frame = self.t.frame(spec.layout, 1)
        fitted = self._fit_items([[(line, False)] for line in spec.lines if clean(line)], frame, "")
        self.t.write_paragraphs(self.t.placeholder(slide, 1).text_frame, fitted)

    # -- bullets and columns ----------------------------------------------------------------------------------------
    def _fit_items(self, items: list[list[Run]], frame: Frame, more: str,
                   style: ParaStyle | None = None) -> list[list[Run]]:
        """Items cleaned, whole when the frame holds them; else each shortened to as many lines as lets every item
        fit (never below MAX_ITEM_LINES); else as many items as fit, the MORE line last."""
        width, style = frame.box.width, style or frame.style
        cleaned = [[(clean(text) + (" " if text[-1:].isspace() else ""), bold) for text, bold in runs
                    if clean(text)] or [("", False)] for runs in items]
        box_lines = int(frame.box.height // style.face.line_height)
        floor = max(min(MAX_ITEM_LINES, box_lines - 1), 1)
        for max_lines in range(max(box_lines, floor), floor - 1, -1):
            fitted = [shorten(runs, style, width, max_lines)[0] for runs in cleaned]
            heights = [para_height(runs, style, width) for runs in fitted]
            if sum(heights) <= frame.box.height:
                return fitted
        tail = [(more, False)] if more else []
        room = frame.box.height - (para_height(tail, style, width) if tail else 0.0)
        kept, used = [], 0.0
        for runs, height in zip(fitted, heights, strict=True):
            if used + height > room:
                break
            kept.append(runs)
            used += height
        return kept + ([tail] if tail else [])

    def bullets(self, spec: Bullets) -> None:
        slide = self.slide("content", spec.title, spec.notes)
        items = spec.items or [[(self.labels.get("deck.empty"), False)]]
        frame = self.t.frame("content", 1)
        style = self._grown([(items, frame)])
        self.t.write_paragraphs(self.t.placeholder(slide, 1).text_frame,
                                self._fit_items(items, frame, spec.more, style), size=style.face.size)

    def columns(self, spec: Columns) -> None:
        layout = "three" if len(spec.headings) == 3 else "two"
        slide = self.slide(layout, spec.title, spec.notes)
        columns = [(items or [[(self.labels.get("deck.empty"), False)]], self.t.frame(layout, 1 + n))
                   for n, items in enumerate(spec.items)]
        style = self._grown(columns)
        for n, (heading, (items, frame)) in enumerate(zip(spec.headings, columns, strict=True)):
            head_frame = self.t.frame(layout, 13 + n)
            self.t.write_paragraphs(self.t.placeholder(slide, 13 + n).text_frame,
                                    [[(fitted_title(heading, head_frame)[0], False)]])
            self.t.write_paragraphs(self.t.placeholder(slide, 1 + n).text_frame,
                                    self._fit_items(items, frame, spec.more, style), size=style.face.size)

    def _grown(self, frames: list[tuple[list[list[Run]], Frame]]) -> ParaStyle:
        """The frames' text style, set larger (up to GROW_MAX_PT) when what they hold would leave most of them
        empty: a short list reads better large than lost at the top of the slide. All frames share one size."""
        style = frames[0][1].style
        size = style.face.size
        while size + GROW_STEP_PT <= GROW_MAX_PT:
            bigger = replace(style, face=replace(style.face, size=size + GROW_STEP_PT))
            if not all(self._holds(items, frame, bigger, GROW_FILL) for items, frame in frames):
                break
            size += GROW_STEP_PT
        return replace(style, face=replace(style.face, size=size))

    # -- tables -----------------------------------------------------------------------------------------------------
    @staticmethod
    def cell_width(width_emu: int) -> float:
        return (width_emu - 2 * CELL_MARGINS[0]) / EMU_PER_PT

    def row_height(self, cells: list[list[Run]], widths: list[int], face: Face) -> float:
        lines = max(len(wrap(c, face, self.cell_width(w))) for c, w in zip(cells, widths, strict=True))
        return lines * face.line_height + 2 * CELL_MARGINS[1] / EMU_PER_PT

    def _cells(self, row: list[str | Cell], widths: list[int], face: Face,
               max_lines: int | None) -> list[tuple[list[Run], str | None]]:
        out = []
        for value, width in zip(row, widths, strict=True):
            cell = value if isinstance(value, Cell) else Cell(value)
            runs = [(clean(cell.text) or self.labels.get("deck.no_value"), False)]
            if max_lines is not None:
                runs = shorten(runs, ParaStyle(face), self.cell_width(width), max_lines)[0]
            out.append((runs, cell.fill))
        return out

    def table(self, spec: Table, layout: str = "table", idx: int = 1, slide=None) -> None:
        """SPEC's table in placeholder IDX of LAYOUT (a new slide unless SLIDE is given): the rows that fit, then
        the MORE line under the table when rows were left out."""
        if not spec.rows:
            self.bullets(Bullets(spec.title, [], spec.notes))
            return
        slide = slide or self.slide(layout, spec.title, spec.notes)
        frame = self.t.frame(layout, idx)
        face = frame.style.face
        room = frame.height / EMU_PER_PT
        if spec.size:
            face = Face(face.typeface, max(spec.size, MIN_SIZE_PT), face.bold)
        elif layout == "table":                 # a table alone on its slide: larger while it fills little of it
            face = self._grown_table(spec, frame.width, face, room * GROW_FILL)
        widths = self.widths(spec, frame.width, face)
        header: list[tuple[list[Run], str | None]] = [([(clean(h), True)], None) for h in spec.headers]
        for max_lines in (None, MAX_CELL_LINES):             # whole cells when the table fits so
            rows = [header] + [self._cells(row, widths, face, max_lines) for row in spec.rows]
            heights = [self.row_height([c for c, _ in row], widths, face) for row in rows]
            if sum(heights) <= room:
                break
        if sum(heights) > room:
            room -= Face(face.typeface, NOTE_SIZE).line_height * 1.6
            count = 1
            while count < len(rows) and sum(heights[:count + 1]) <= room:
                count += 1
            rows, heights = rows[:count], heights[:count]
            self._note(slide, frame, sum(heights), spec.more)
        self._write_table(slide, idx, rows, heights, widths, face)

    def _grown_table(self, spec: Table, width: int, face: Face, room: float) -> Face:
        """FACE, larger by steps up to TABLE_GROW_MAX_PT while the whole table, no cell shortened, fits ROOM."""
        while face.size + GROW_STEP_PT <= TABLE_GROW_MAX_PT:
            bigger = Face(face.typeface, face.size + GROW_STEP_PT, face.bold)
            widths = self.widths(spec, width, bigger)
            rows = [[([(clean(h), True)], None) for h in spec.headers]] + [self._cells(r, widths, bigger, None)
                                                                        for r in spec.rows]
            if sum(self.row_height([c for c, _ in row], widths, bigger) for row in rows) > room:
                break
            face = bigger
        return face

    def widths(self, spec: Table, total_emu: int, face: Face) -> list[int]:
        """Column widths by the spec's weights, each at least as wide as its header's longest word (a header never
        breaks inside a word); the room taken comes from the widest columns."""
        total = sum(spec.weights)
        widths = [int(total_emu * w / total) for w in spec.weights]
        bold = face.with_bold(True)
        need = [emu(max((bold.length(w) for w in clean(h).split()), default=0.0) + 2) + 2 * CELL_MARGINS[0]
                for h in spec.headers]
        for n, wanted in enumerate(need):
            while widths[n] < wanted:
                widest = max((i for i in range(len(widths)) if i != n and widths[i] > need[i]),
                             key=lambda i: widths[i] - need[i], default=None)
                if widest is None:
                    break
                step = min(wanted - widths[n], widths[widest] - need[widest])
                widths[n] += step
                widths[widest] -= step
        widths[-1] = total_emu - sum(widths[:-1])
        return widths

    def _note(self, slide, frame: Frame, used: float, text: str) -> None:
        if not text:
            return
        box = slide.shapes.add_textbox(*rect(frame.left, frame.top + emu(used + 4), frame.width, emu(NOTE_SIZE * 1.5)))
        self.t.write_paragraphs(box.text_frame, [[(text, False)]], size=NOTE_SIZE)

    def _write_table(self, slide, idx: int, rows: list[list[tuple[list[Run], str | None]]], heights: list[float],
                     widths: list[int], face: Face) -> None:
        placeholder = self.t.placeholder(slide, idx)
        graphic = placeholder.insert_table(len(rows), len(widths))
        table = graphic.table
        _size(graphic, [whole(w) for w in widths], [emu(h) for h in heights])
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, (runs, fill) in zip(row.cells, cells, strict=True):
                self.t.write_paragraphs(cell.text_frame, [runs], size=face.size)
                if fill:
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = RGBColor.from_string(fill)

    # -- the status and risk slides -----------------------------------------------------------------------------------
    def status(self, spec: Status) -> None:
        """The key message, whole when it fits at a size down to KEY_MESSAGE_MIN_PT, then the lights."""
        slide = self.slide("status", spec.title, spec.notes)
        frame = self.t.frame("status", 1)
        items = [[(m, False)] for m in spec.message if clean(m)]
        style = frame.style
        while style.face.size > KEY_MESSAGE_MIN_PT and not self._holds(items, frame, style):
            style = replace(style, face=replace(style.face, size=style.face.size - 1))
        self.t.write_paragraphs(self.t.placeholder(slide, 1).text_frame, self._fit_items(items, frame, "", style),
                                size=style.face.size)
        self.table(spec.lights, "status", 2, slide)

    @staticmethod
    def _holds(items: list[list[Run]], frame: Frame, style: ParaStyle, share: float = 1.0) -> bool:
        """ITEMS whole in SHARE of FRAME's height at STYLE."""
        return sum(para_height([(clean(t), b) for t, b in runs], style, frame.box.width)
                   for runs in items) <= frame.box.height * share

    def risks(self, spec: Risks) -> None:
        slide = self.slide("risks", spec.title, spec.notes)
        frame = self.t.frame("risks", 1)
        self.t.remove(self.t.placeholder(slide, 1))
        self._heat_map(slide, frame, spec)
        self.table(spec.table, "risks", 2, slide)

    def _heat_map(self, slide, frame: Frame, spec: Risks) -> None:
        """A native table: impact up the left (5 at the top), likelihood along the bottom (1 at the left); each
        cell its level's colour and the count of risks in it; the axis names in the corner and under it."""
        face = frame.style.face
        label = face.line_height * 1.8
        size = min((frame.width / EMU_PER_PT - label) / 5, (frame.height / EMU_PER_PT - 3 * label) / 5)
        rows = [[Cell(spec.axes[1]), *[Cell("") for _ in range(5)]]]
        rows += [[Cell(str(impact)), *[Cell(str(spec.counts.get((likelihood, impact), "") or ""),
                                            spec.fills[(likelihood, impact)]) for likelihood in range(1, 6)]]
                 for impact in range(5, 0, -1)]
        rows.append([Cell(""), *[Cell(str(likelihood)) for likelihood in range(1, 6)]])
        rows.append([Cell(""), Cell(spec.axes[0]), *[Cell("") for _ in range(4)]])
        if spec.unrated:
            rows.append([Cell(spec.unrated), *[Cell("") for _ in range(5)]])
        widths = [emu(label)] + [emu(size)] * 5
        heights = [label] + [size] * 5 + [label] * (len(rows) - 6)
        graphic = slide.shapes.add_table(len(rows), 6, *rect(frame.left, frame.top, sum(widths),
                                                             sum(emu(h) for h in heights)))
        graphic.name = "risk-map"
        table = graphic.table
        table.first_row = False
        table.horz_banding = False
        _size(graphic, [whole(w) for w in widths], [emu(h) for h in heights])
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, value in zip(row.cells, cells, strict=True):
                self.t.write_paragraphs(cell.text_frame, [[(value.text, bool(value.fill))]], size=face.size,
                                        align=PP_ALIGN.CENTER)
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor.from_string(value.fill or "FFFFFF")
        table.cell(0, 0).merge(table.cell(0, 5))                       # the impact axis' name over the map
        table.cell(0, 0).text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
        table.cell(7, 1).merge(table.cell(7, 5))                       # the likelihood axis' name under it
        if spec.unrated:
            table.cell(8, 0).merge(table.cell(8, 5))
            table.cell(8, 0).text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT


def _size(graphic, widths: list[int], heights: list[int]) -> None:
    """The table's column widths and row heights (EMU), and its frame's size their sums: what python-pptx's column
    and row setters leave, without each of them adding up all the columns or rows again."""
    grid = graphic.table._tbl
    for column, width in zip(grid.tblGrid.gridCol_lst, widths, strict=True):
        column.w = width
    for row, height in zip(grid.tr_lst, heights, strict=True):
        row.h = height
    graphic.width, graphic.height = Emu(sum(widths)), Emu(sum(heights))
