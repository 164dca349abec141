"""The area and county decks: the combined status a service-area director or the county's leadership presents.

Title; every line's status (missing and invalid lines named); the decisions asked; the go-lives per quarter; the
legacy systems' shutdowns; the dependencies between lines; resources and costs; and, for an area, one slide per
line with its key message and status lights. Specs only: `render_area_deck` / `render_county_deck` draw them with
the line deck's pager."""
from __future__ import annotations

from pipeline.formatting import fi_date, fi_number
from pipeline.render.context import RenderContext
from pipeline.render.deck.build import draw, finish
from pipeline.render.deck.changes_slide import changes_slide, with_changes_slide
from pipeline.render.deck.pager import Pager
from pipeline.render.deck.specs import Cell, Cover, Status, Table, clean
from pipeline.render.deck.story import Story
from pipeline.render.deck.template import DeckTemplate
from pipeline.schema import DeciderLevel, Light
from pipeline.view.scope import LineRow, Scope

DENSE = 12.0                      # points: the size of the tables that list every line of the county
DENSE_FROM = 9                    # rows: from this many, a table is set DENSE


class CombinedStory:
    """An area's deck (AREAS None) or the county's (AREAS: the county's service areas)."""

    def __init__(self, scope: Scope, ctx: RenderContext, areas: list[Scope] | None) -> None:
        self.scope, self.ctx, self.areas_of = scope, ctx, areas or []
        self.county = areas is not None
        self.labels = ctx.labels

    def t(self, key: str, **values) -> str:
        return self.labels.get(f"deck.{key}", **values)

    def c(self, key: str, **values) -> str:
        return self.labels.get(f"deck.combined.{key}", **values)

    def headers(self, key: str) -> list[str]:
        return list(self.labels.node(f"deck.combined.{key}"))

    def euro(self, value: float | None) -> str:
        return self.t("money.euro", value=fi_number(round(value))) if value is not None else \
            self.t("money.not_estimated")

    def quarter(self, quarter) -> str:
        return self.labels.get("word.figures.quarter", number=quarter.number, year=quarter.year)

    def more(self, count: int) -> str:
        chapter = self.labels.get("word.cover.county_title" if self.county else "word.cover.area_subtitle")
        return self.t("more", count=count, chapter=chapter)

    # -- slides -------------------------------------------------------------------------------------------------
    def slides(self) -> list:
        at_a_glance = self.overview(self.areas() if self.county else self.status())
        out = [self.title(), at_a_glance, *([self.status()] if self.county else []), self.decisions(),
               self.golives(), self.exits(), self.dependencies(), self.money()]
        if not self.county:
            out += self.line_slides()
        return [s for s in out if s is not None]

    def title(self) -> Cover:
        scope = self.scope
        name = self.labels.get("word.cover.county_title") if self.county else scope.name
        subtitle = self.c("county_subtitle" if self.county else "area_subtitle")
        lines = [subtitle, scope.reference.organisation.name, self.t("title.date", date=fi_date(self.ctx.as_of))]
        notes = self.c("title_notes", scope=name, count=len(scope.rows), date=fi_date(self.ctx.as_of))
        return Cover("title", name, lines, notes)

    def overview(self, table: Table) -> Status:
        """The scope at a glance: three headline figures (plans, decisions, money) over TABLE (the areas of the
        county, or the lines of an area)."""
        scope = self.scope
        waiting = scope.waiting
        message = [
            self.c("headline_plans", valid=len(scope.views), total=len(scope.rows), complete=len(scope.complete),
                   on_schedule=len(scope.on_schedule), red=len(scope.lines_with(Light.RED))),
            self.c("headline_decisions", count=len(waiting), late=sum(a.late for a in waiting)),
            self.c("headline_money", one_off=self.euro(scope.total("cost_one_off")),
                   yearly=self.euro(scope.total("cost_yearly")), savings=self.euro(scope.total("savings_yearly")),
                   fte=fi_number(scope.new_fte))]
        return Status(self.c("overview_title"), message, table, table.notes)

    def _light(self, row: LineRow, dimension: str) -> Cell:
        style = self.ctx.reference.document_style.lights
        light = getattr(row.view.plan.summary, dimension) if row.valid and row.view else None
        text = self.labels.enum(light) if light else self.t("no_value")
        return Cell(text, getattr(style, light.value) if light else style.none)

    def status(self) -> Table:
        scope = self.scope
        rows: list[list[str | Cell]] = []
        for row in scope.rows:
            name = f"{row.name} ({row.entry.code})" if row.entry.code else row.name
            if not row.valid:
                state = self.labels.get(f"county.states.{row.entry.state.value}")
                rows.append([f"{name}\n{state}", self._light(row, "overall"), self._light(row, "schedule"),
                             self.t("no_value"), self.t("no_value")])
                continue
            view = row.view
            assert view is not None
            rows.append([name, self._light(row, "overall"), self._light(row, "schedule"),
                         f"{round((row.entry.overall or 0) * 100)}\u00a0%", str(len(view.overdue_tasks))])
        notes = [self.c("status_notes", red=len(scope.lines_with(Light.RED)),
                        yellow=len(scope.lines_with(Light.YELLOW)), valid=len(scope.views), total=len(scope.rows))]
        if scope.not_valid:
            notes.append(self.c("status_missing", lines=", ".join(r.entry.code or r.entry.file
                                                                   for r in scope.not_valid)))
        # every line on one slide: the key messages are on each line's own slide (area) or in the area decks
        return Table(self.c("status_title"), self.headers("status_headers"), [5.0, 1.7, 1.7, 1.3, 1.2],
                     rows, " ".join(notes), self.more(len(rows)), _size(rows))

    def areas(self) -> Table:
        """The county deck's first look: each area's lines, how many are valid, their overall lights, the
        decisions waiting and the new FTE."""
        rows: list[list[str | Cell]] = []
        for area in self.areas_of:
            waiting = area.waiting
            rows.append([area.name, f"{len(area.views)} / {len(area.rows)}",
                         *[str(len(area.lines_with(light))) for light in (Light.RED, Light.YELLOW, Light.GREEN)],
                         str(len(waiting)), fi_number(area.new_fte)])
        scope = self.scope
        notes = [self.c("areas_notes", valid=len(scope.views), total=len(scope.rows),
                        red=len(scope.lines_with(Light.RED)), decisions=sum(int(r[5]) for r in rows if isinstance(
                            r[5], str)), fte=fi_number(scope.new_fte))]
        if scope.not_valid:
            notes.append(self.c("status_missing", lines=", ".join(r.entry.code or r.entry.file
                                                                   for r in scope.not_valid)))
        return Table(self.c("areas_title"), self.headers("areas_headers"), [4.2, 1.6, 1.2, 1.2, 1.2, 1.6, 1.2],
                     rows, " ".join(notes), self.more(len(rows)))

    def decisions(self) -> Table | None:
        levels = None if self.county else (DeciderLevel.AREA, DeciderLevel.COUNTY, DeciderLevel.BODY)
        asked = self.scope.decisions if levels is None else self.scope.decisions_for(*levels)
        waiting = [a for a in asked if a.decision.waiting]
        if not waiting:
            return None
        stories = {a.line.code: Story(a.line.plan, self.ctx) for a in waiting}    # one per line, not per decision
        rows: list[list[str | Cell]] = [[a.line.code, a.decision.decision, stories[a.line.code].decider(a.decision),
                                         stories[a.line.code].due(a.decision)] for a in waiting]
        first = waiting[0]
        notes = self.c("decisions_notes", count=len(waiting), late=sum(a.late for a in waiting),
                       first=clean(first.decision.decision).rstrip("."), line=first.line.code,
                       due=fi_date(first.decision.due) or self.t("no_value"))
        return Table(self.c("decisions_title"), self.headers("decisions_headers"), [1.0, 6.0, 2.6, 1.8], rows,
                     notes, self.more(len(rows)))

    def golives(self) -> Table | None:
        scope = self.scope
        if not scope.golives:
            return None
        grouped = scope.golives_by_quarter()
        rows: list[list[str | Cell]] = []
        busiest, peak = "", 0
        for q in scope.quarters:
            count = sum(len(grouped.get((code, q), [])) for code in scope.reference.channel_order)
            if count > peak:
                busiest, peak = self.quarter(q), count
            for code in scope.reference.channel_order:
                found = grouped.get((code, q), [])
                if found:
                    rows.append([self.quarter(q), scope.reference.channel_name(code), self.t("list_separator").join(
                        self.c("golive_item", line=g.line.code, service=clean(g.service.name)) for g in found)])
        notes = self.c("golives_notes", count=len(scope.golives), first=self.quarter(scope.quarters[0]),
                       last=self.quarter(scope.quarters[-1]), busiest=busiest)
        return Table(self.c("golives_title"), self.headers("golives_headers"), [1.4, 2.4, 8.2], rows, notes,
                     self.more(len(rows)))

    def exits(self) -> Table | None:
        scope = self.scope
        sequence = scope.shutdowns()
        if not scope.exits:
            return None
        rows: list[list[str | Cell]] = [[self.quarter(s.quarter), self.t("list_separator").join(
            self.t("timeline.item_date", name=p.name, date=fi_date(p.shutdown)) for p in s.systems)
            or self.t("no_value"), self.euro(s.saving) if s.saving else self.t("no_value")]
            for s in sequence if s.systems]
        blocked = [p.name for p in scope.exits if p.shutdown is None and p.state.value == "blocked"]
        kept = [p.name for p in scope.exits if p.state.value in ("kept", "kept_partly")]
        for key, names in (("exits_blocked", blocked), ("exits_kept", kept)):
            if names:
                rows.append([self.c(key), self.t("list_separator").join(names), self.t("no_value")])
        notes = self.c("exits_notes", count=sum(len(s.systems) for s in sequence),
                       saving=self.euro(sum(s.saving for s in sequence)),
                       blocked=", ".join(blocked) or self.t("no_value")) if rows else self.c("exits_none")
        if not rows:
            rows = [[self.t("no_value"), self.c("exits_none"), self.t("no_value")]]
        return Table(self.c("exits_title"), self.headers("exits_headers"), [1.4, 8.0, 2.6], rows, notes,
                     self.more(len(rows)))

    def dependencies(self) -> Table | None:
        """Risks and dependencies that name another line, then the systems several lines exit."""
        scope = self.scope
        risks, shared = scope.cross_line_risks, scope.shared_systems
        if not risks and not shared:
            return None
        colours, reporting = self.ctx.reference.document_style.risks, self.ctx.reference.reporting
        rows: list[list[str | Cell]] = [[r.line.code, r.risk.description, ", ".join(r.others),
                                         Cell(str(r.risk.score or self.t("no_value")),
                                              getattr(colours, reporting.risk_level(r.risk.score)))] for r in risks]
        rows += [[self.t("no_value"), self.c("shared_system", system=p.name, state=_lower_first(
            self.labels.get(f"county.systems.states.{p.state.value}"))), ", ".join(p.line_codes), self.t("no_value")]
                 for p in shared]
        notes = self.c("dependencies_notes", count=len(risks),
                       systems=", ".join(p.name for p in shared) or self.t("no_value"))
        return Table(self.c("dependencies_title"), self.headers("dependencies_headers"), [1.0, 7.0, 2.4, 1.2], rows,
                     notes, self.more(len(rows)), _size(rows))

    def money(self) -> Table | None:
        """New FTE and costs per line (an area) or per area (the county), and their total."""
        scope = self.scope
        if not scope.views:
            return None
        rows: list[list[str | Cell]] = []
        if self.county:
            for area in self.areas_of:
                rows.append([area.name, fi_number(area.new_fte), *self._costs(area)])
        else:
            for view in scope.views:
                s = view.plan.summary
                rows.append([f"{view.name} ({view.code})", fi_number(view.total_new_fte), self.euro(s.cost_one_off),
                             self.euro(s.cost_yearly), self.euro(s.savings_yearly)])
        rows.append([self.c("money_total"), fi_number(scope.new_fte), *self._costs(scope)])
        notes = self.c("money_notes", fte=fi_number(scope.new_fte), one_off=self.euro(scope.total("cost_one_off")),
                       yearly=self.euro(scope.total("cost_yearly")),
                       missing=", ".join(v.code for v in scope.without_costs) or self.t("no_value"))
        first = self.c("money_area") if self.county else self.headers("money_headers")[0]
        return Table(self.c("money_title"), [first, *self.headers("money_headers")[1:]], [4.0, 1.4, 2.2, 2.2, 2.2],
                     rows, notes, self.more(len(rows)), _size(rows))

    def _costs(self, scope: Scope) -> list[str | Cell]:
        return [self.euro(scope.total(cost)) for cost in ("cost_one_off", "cost_yearly", "savings_yearly")]

    def line_slides(self) -> list:
        """One slide per valid line: its key message and status lights, with a word on its decisions."""
        slides = []
        for row in self.scope.rows:
            if row.valid and row.view:
                story = Story(row.view.plan, self.ctx)
                status = story.status(merge_decisions=True)
                status.title = f"{row.view.name} ({row.view.code})"
                slides.append(status)
        return slides


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _size(rows: list) -> float | None:
    return DENSE if len(rows) >= DENSE_FROM else None


def _render(scope: Scope, ctx: RenderContext, areas: list[Scope] | None, title: str) -> bytes:
    template = DeckTemplate(ctx.templates, ctx.labels, ctx.reference.organisation)
    pager = Pager(template, ctx.labels)
    story = CombinedStory(scope, ctx, areas)
    area = None if areas is not None else scope.code        # the county deck is given the areas
    for spec in with_changes_slide(story.slides(), changes_slide(ctx, area=area)):
        draw(pager, spec, ctx, scope.reference.channel_name)
    return finish(template, ctx.as_of, title=title, subject=ctx.labels.get("deck.properties.combined_subject"),
                  author=scope.reference.organisation.name)


def render_area_deck(scope: Scope, ctx: RenderContext) -> bytes:
    return _render(scope, ctx, None, ctx.labels.get("deck.properties.area_title", area=scope.name))


def render_county_deck(scope: Scope, areas: list[Scope], ctx: RenderContext) -> bytes:
    return _render(scope, ctx, areas, ctx.labels.get("deck.properties.county_title",
                                                    county=scope.reference.organisation.name))
