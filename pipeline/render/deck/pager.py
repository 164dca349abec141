"""Slide content → measured slides: bullet lists, two columns and tables split over continuation slides, long texts
shortened with an ellipsis (the full text goes to the speaker notes)."""
from __future__ import annotations

from dataclasses import dataclass, field

from pptx.util import Emu

from pipeline.catalog import Labels
from pipeline.render.deck.specs import Bullets, Columns, Cover, Run, Table, clean
from pipeline.render.deck.template import DeckTemplate, Frame, fitted_title
from pipeline.render.deck.textfit import EMU_PER_PT, Face, ParaStyle, paginate, para_height, run_text, shorten, wrap

MAX_ITEM_LINES = 6               # a bullet longer than this is shortened on the slide
MAX_CELL_LINES = 5               # likewise a table cell
CELL_MARGINS = (91440, 45720)    # python-pptx / PowerPoint default cell insets (left/right, top/bottom), EMU


@dataclass
class Cuts:
    """Texts shortened on the current slide, told in full in its notes."""
    texts: list[str] = field(default_factory=list)

    def notes(self, base: str, labels: Labels) -> str:
        if not self.texts:
            return base
        return "\n".join([base, labels.get("deck.cut_intro"), *self.texts])


class Pager:
    """Writes content specs as one or more measured slides."""

    def __init__(self, template: DeckTemplate, labels: Labels) -> None:
        self.t = template
        self.labels = labels

    # -- titles -----------------------------------------------------------------------------------------------------
    def title(self, slide, key: str, text: str, page: int, cuts: Cuts) -> None:
        frame = self.t.frame(key, 0)
        full = self.labels.get("deck.continued", title=text) if page else text
        fitted, cut = fitted_title(full, frame)
        if cut and page:                    # keep the continuation suffix visible
            suffix = self.labels.get("deck.continued", title="")
            narrower = Frame(frame.left, frame.top, frame.width, frame.height,
                             type(frame.box)(frame.box.width - frame.style.face.length(suffix), frame.box.height),
                             frame.style)
            fitted = self.labels.get("deck.continued", title=fitted_title(text, narrower)[0])
        if cut:
            cuts.texts.append(clean(text))
        self.t.set_title(slide, fitted)

    # -- covers -----------------------------------------------------------------------------------------------------
    def cover(self, spec: Cover) -> None:
        """A title, section or closing slide: the title and the lines that fit one slide, each shortened to fit;
        what does not fit is told in the notes."""
        slide = self.t.add_slide(spec.layout)
        cuts = Cuts()
        self.title(slide, spec.layout, spec.title, 0, cuts)
        frame = self.t.frame(spec.layout, 1)
        fitted = self._fit_items([[(line, False)] for line in spec.lines if clean(line)], frame)
        pages = self._pages(fitted, frame)
        shown = pages[0] if pages else []
        cuts.texts.extend(full for i in shown if (full := fitted[i][1]))
        cuts.texts.extend(run[0][0] for n, (run, _) in enumerate(fitted) if n not in shown)
        self.t.write_paragraphs(self.t.placeholder(slide, 1).text_frame, [fitted[i][0] for i in shown])
        self.t.write_notes(slide, cuts.notes(spec.notes, self.labels))

    # -- bullets ----------------------------------------------------------------------------------------------------
    def _fit_items(self, items: list[list[Run]], frame: Frame) -> list[tuple[list[Run], str | None]]:
        """Each item cleaned and shortened to what one slide can show; (runs, full text if cut)."""
        width = frame.box.width
        max_lines = max(min(MAX_ITEM_LINES, int(frame.box.height // frame.style.face.line_height) - 1), 1)
        out = []
        for runs in items:
            runs = [(clean(text) + (" " if text[-1:].isspace() else ""), bold) for text, bold in runs
                    if clean(text)] or [("", False)]
            short, cut = shorten(runs, frame.style, width, max_lines)
            out.append((short, run_text(runs) if cut else None))
        return out

    def _pages(self, fitted: list[tuple[list[Run], str | None]], frame: Frame) -> list[list[int]]:
        heights = [para_height(runs, frame.style, frame.box.width) for runs, _ in fitted]
        return paginate(heights, frame.box.height) or [[]]

    def bullets(self, spec: Bullets) -> None:
        frame = self.t.frame("content", 1)
        items = spec.items or [[(self.labels.get("deck.empty"), False)]]
        fitted = self._fit_items(items, frame)
        for page, indexes in enumerate(self._pages(fitted, frame)):
            slide = self.t.add_slide("content")
            cuts = Cuts([full for i in indexes if (full := fitted[i][1])])
            self.title(slide, "content", spec.title, page, cuts)
            self.t.write_paragraphs(self.t.placeholder(slide, 1).text_frame, [fitted[i][0] for i in indexes])
            self.t.write_notes(slide, cuts.notes(spec.notes, self.labels))

    def columns(self, spec: Columns) -> None:
        frames = [self.t.frame("two", idx) for idx in (1, 2)]
        fitted, pages = [], []
        for frame, items in zip(frames, spec.items, strict=True):
            fit = self._fit_items(items or [[(self.labels.get("deck.empty"), False)]], frame)
            fitted.append(fit)
            pages.append(self._pages(fit, frame))
        for page in range(max(len(p) for p in pages)):
            slide = self.t.add_slide("two")
            cuts = Cuts()
            self.title(slide, "two", spec.title, page, cuts)
            for column, (idx, heading_idx) in enumerate(((1, 13), (2, 14))):
                heading, cut = fitted_title(spec.headings[column], self.t.frame("two", heading_idx))
                if cut:
                    cuts.texts.append(clean(spec.headings[column]))
                self.t.write_paragraphs(self.t.placeholder(slide, heading_idx).text_frame, [[(heading, False)]])
                indexes = pages[column][page] if page < len(pages[column]) else []
                cuts.texts.extend(full for i in indexes if (full := fitted[column][i][1]))
                self.t.write_paragraphs(self.t.placeholder(slide, idx).text_frame,
                                        [fitted[column][i][0] for i in indexes])
            self.t.write_notes(slide, cuts.notes(spec.notes, self.labels))

    # -- tables -----------------------------------------------------------------------------------------------------
    def table_geometry(self, spec: Table) -> tuple[Frame, list[int], ParaStyle]:
        frame = self.t.frame("table", 1)
        total = sum(spec.weights)
        widths = [int(frame.width * w / total) for w in spec.weights]
        widths[-1] = frame.width - sum(widths[:-1])
        return frame, widths, ParaStyle(frame.style.face)

    @staticmethod
    def cell_width(width_emu: int) -> float:
        return (width_emu - 2 * CELL_MARGINS[0]) / EMU_PER_PT

    @staticmethod
    def row_height(cells: list[list[Run]], widths: list[int], style: ParaStyle) -> float:
        lines = max(len(wrap(c, style.face, Pager.cell_width(w))) for c, w in zip(cells, widths, strict=True))
        return lines * style.face.line_height + 2 * CELL_MARGINS[1] / EMU_PER_PT

    def table(self, spec: Table) -> None:
        if not spec.rows:
            self.bullets(Bullets(spec.title, [], spec.notes))
            return
        frame, widths, style = self.table_geometry(spec)
        header = [[(clean(h), True)] for h in spec.headers]
        header_height = self.row_height(header, widths, style)
        rows, cut_texts = [], []
        for row in spec.rows:
            cells, cut = [], []
            for text, width in zip(row, widths, strict=True):
                runs = [(clean(text) or self.labels.get("deck.no_value"), False)]
                short, was_cut = shorten(runs, style, self.cell_width(width), MAX_CELL_LINES)
                cells.append(short)
                if was_cut:
                    cut.append(run_text(runs))
            rows.append(cells)
            cut_texts.append(cut)
        heights = [self.row_height(cells, widths, style) for cells in rows]
        capacity = frame.height / EMU_PER_PT - header_height
        for page, indexes in enumerate(paginate(heights, capacity)):
            slide = self.t.add_slide("table")
            cuts = Cuts([t for i in indexes for t in cut_texts[i]])
            self.title(slide, "table", spec.title, page, cuts)
            self._write_table(slide, [header] + [rows[i] for i in indexes],
                              [header_height] + [heights[i] for i in indexes], widths, style.face)
            self.t.write_notes(slide, cuts.notes(spec.notes, self.labels))

    def _write_table(self, slide, rows: list[list[list[Run]]], heights: list[float], widths: list[int],
                     face: Face) -> None:
        placeholder = self.t.placeholder(slide, 1)
        graphic = placeholder.insert_table(len(rows), len(widths))
        table = graphic.table
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Emu(width)
        for row, height, cells in zip(table.rows, heights, rows, strict=True):
            row.height = Emu(int(round(height * EMU_PER_PT)))
            for cell, runs in zip(row.cells, cells, strict=True):
                self.t.write_paragraphs(cell.text_frame, [runs], size=face.size)
        graphic.height = Emu(sum(int(round(h * EMU_PER_PT)) for h in heights))

