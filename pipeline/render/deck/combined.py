"""The area and county decks: the combined status a service-area director or the county's leadership presents.

Title; every line's status (missing and invalid lines named); the decisions asked; the go-lives per quarter; the
legacy systems' shutdowns; the dependencies between lines; resources and costs; and, for an area, one slide per
line with its key message and status lights. Specs only: `render_area_deck` / `render_county_deck` draw them with
the line deck's pager."""
from __future__ import annotations

from pipeline.formatting import fi_date, fi_number
from pipeline.render.asked import elsewhere_text, outcomes_text
from pipeline.render.context import RenderContext
from pipeline.render.deck.build import draw, finish
from pipeline.render.deck.changes_slide import with_changes_slide
from pipeline.render.deck.opening import SHOWN_ASKS, opening_slide
from pipeline.render.deck.pager import Pager
from pipeline.render.deck.risks import risk_slide
from pipeline.render.deck.specs import Cell, Cover, Status, Table, clean
from pipeline.render.deck.story import Story
from pipeline.render.deck.template import DeckTemplate
from pipeline.render.opening import opening_text
from pipeline.render.staffing_text import staffing_text
from pipeline.schema import Light
from pipeline.view.money import county_only, other_saving
from pipeline.view.opening import red_reason, scope_opening
from pipeline.view.scope import LineRow, Scope
from pipeline.words import Words

DENSE = 12.0                      # points: the size of the tables that list every line of the county
DENSE_FROM = 9                    # rows: from this many, a table is set DENSE


class CombinedStory:
    """An area's deck (AREAS None) or the county's (AREAS: the county's service areas)."""

    def __init__(self, scope: Scope, ctx: RenderContext, areas: list[Scope] | None) -> None:
        self.scope, self.ctx, self.areas_of = scope, ctx, areas or []
        self.county = areas is not None
        self.labels = ctx.labels
        self.words = Words(ctx.labels)

    def t(self, key: str, **values) -> str:
        return self.labels.get(f"deck.{key}", **values)

    def c(self, key: str, **values) -> str:
        return self.labels.get(f"deck.combined.{key}", **values)

    def talk(self, key: str, **values) -> str:
        """A speaker note (or headline) said as the talk: overview.talk.combined."""
        return self.labels.get(f"overview.talk.combined.{key}", **values)

    def headers(self, key: str) -> list[str]:
        return list(self.labels.node(f"deck.combined.{key}"))

    def euro(self, value: float | None) -> str:
        return self.words.money_or_missing(value)

    def quarter(self, quarter) -> str:
        return self.words.quarter(quarter.number, quarter.year)

    def more(self, chapter: str) -> str:
        """Where the whole table is when a slide shows part of it: the plan's file and its chapter CHAPTER (a key
        of word.h)."""
        return self.labels.get("overview.more", file=self.more_file(), chapter=self.labels.get(f"word.h.{chapter}"))

    def more_file(self) -> str:
        return self.labels.get("output.county_plan") if self.county else \
            self.labels.get("output.area_plan", code=self.scope.code)

    # -- slides -------------------------------------------------------------------------------------------------
    def slides(self) -> list:
        at_a_glance = self.overview(self.areas() if self.county else self.status())
        risks = risk_slide(self.scope, self.ctx, self.labels.get(
            "overview.more", file=self.more_file(), chapter=self.labels.get("overview.risks.heading")))
        opening = opening_slide(opening_text(scope_opening(self.scope), self.scope.level, self.labels,
                                             scope=self.scope, elsewhere=self.scope.asked_elsewhere),
                                self.labels, self.c("decisions_title"))
        if self.scope.single_line:      # a short cover: the line's own deck tells the rest
            return [s for s in (self.title(), opening, at_a_glance, self.decisions(), risks, self.money())
                    if s is not None]
        out = [self.title(), opening, at_a_glance, *([self.status()] if self.county else []), self.decisions(),
               self.golives(), self.exits(), risks, self.dependencies(), self.money()]
        if not self.county:
            out += self.line_slides()
        return [s for s in out if s is not None]

    def title(self) -> Cover:
        scope = self.scope
        organisation = scope.reference.organisation.name
        name = self.talk("county_title") if self.county else scope.name
        lines = [*([] if self.county else [self.c("area_subtitle")]), organisation,
                 self.t("title.date", date=fi_date(self.ctx.as_of))]
        notes = self.talk("title_single" if scope.single_line else "title",
                          scope=organisation if self.county else scope.name, count=len(scope.rows),
                          date=fi_date(self.ctx.as_of))
        return Cover("title", name, lines, notes)

    def overview(self, table: Table) -> Status:
        """The scope at a glance: the money in figures over TABLE (the areas of the county, or the lines of an
        area). The lines' schedule and the asks' count are the opening slide's, not said again here."""
        scope = self.scope
        message = [
            self.c("headline_money", one_off=self.euro(scope.money.one_off.value),
                   yearly=self.euro(scope.money.yearly_cost.value), savings=self.euro(scope.money.savings),
                   net=self.net(scope.money.net), fte=fi_number(scope.new_fte))]
        notes = table.notes
        if scope.single_line:
            view = scope.views[0]
            files = {"plan": self.labels.get("output.word_plan", code=view.code),
                     "deck": self.labels.get("output.deck", code=view.code)}
            message.append(self.labels.get("overview.single.pointer", **files))
            notes = " ".join([self.labels.get("overview.single.deck_notes", line=view.name, **files), notes])
        if len(scope.asks) <= SHOWN_ASKS:      # no decisions slide: the overview says the rest
            notes = " ".join(t for t in (notes, elsewhere_text(scope.asked_elsewhere, self.labels),
                                         outcomes_text([a.decision for a in scope.outcomes], self.labels)) if t)
        return Status(self.c("overview_title"), message, table, notes)

    def _light(self, row: LineRow, dimension: str) -> Cell:
        light = getattr(row.view.plan.summary, dimension) if row.valid and row.view else None
        return Cell(self.words.light(light) or self.t("no_value"),
                    Words.light_colour(light, self.ctx.reference.document_style.lights))

    def status(self) -> Table:
        """Every line's schedule in an executive's words, the reason beside each red light, and its late tasks."""
        scope = self.scope
        rows: list[list[str | Cell]] = []
        for row in scope.rows:
            name = self.words.named(row.name, row.entry.code)
            if not row.valid:
                state = self.words.line_state(row.entry.state)
                rows.append([f"{name}\n{state}", self._light(row, "schedule"), self.t("no_value"),
                             self.t("no_value")])
                continue
            view = row.view
            assert view is not None
            red = view.plan.summary.schedule is Light.RED or view.plan.summary.overall is Light.RED
            reason = (red_reason(view) or self.c("status_no_reason")) if red else self.t("no_value")
            rows.append([name, self._light(row, "schedule"), reason, self.words.count(len(view.overdue_tasks))])
        notes = [self.talk("status", red=len(scope.lines_with(Light.RED)),
                        yellow=len(scope.lines_with(Light.YELLOW)), valid=len(scope.views), total=len(scope.rows))]
        if scope.not_valid:
            notes.append(self.c("status_missing", lines=", ".join(r.entry.code or r.entry.file
                                                                   for r in scope.not_valid)))
        # every line on one slide: the key messages are on each line's own slide (area) or in the area decks
        return Table(self.c("status_title"), self.headers("status_headers"), [3.2, 1.0, 5.0, 0.8],
                     rows, " ".join(notes), self.more("lines_status" if self.county else "status"), _size(rows))

    def areas(self) -> Table:
        """The county deck's first look: each area's lines, how many are valid, their overall lights, the
        decisions waiting and the new FTE."""
        rows: list[list[str | Cell]] = []
        for area in self.areas_of:
            rows.append([area.name, f"{len(area.views)} / {len(area.rows)}",
                         *[self.words.count(len(area.lines_with(light)))
                           for light in (Light.RED, Light.YELLOW, Light.GREEN)],
                         self.words.count(len(area.asks)), fi_number(area.new_fte)])
        scope = self.scope
        notes = [self.talk("areas", valid=len(scope.views), total=len(scope.rows),
                           red=len(scope.lines_with(Light.RED)), decisions=sum(len(a.asks) for a in self.areas_of),
                           fte=fi_number(scope.new_fte))]
        if scope.not_valid:
            notes.append(self.c("status_missing", lines=", ".join(r.entry.code or r.entry.file
                                                                   for r in scope.not_valid)))
        return Table(self.c("areas_title"), self.headers("areas_headers"), [4.2, 1.6, 1.2, 1.2, 1.2, 1.6, 1.2],
                     rows, " ".join(notes), self.more("areas"))

    def decisions(self) -> Table | None:
        """The pending decisions asked of this scope's own level (area or county) that the opening slide leaves out
        (it shows the first SHOWN_ASKS); how many are asked at the other levels and how many are settled go in the
        notes. None when the opening slide shows them all."""
        asked, labels = self.scope.asks[SHOWN_ASKS:], self.ctx.labels
        if not asked:
            return None
        stories = {a.line.code: Story(a.line.plan, self.ctx) for a in asked}      # one per line, not per decision
        rows: list[list[str | Cell]] = [[a.line.code, a.decision.decision, stories[a.line.code].decider(a.decision),
                                         stories[a.line.code].due(a.decision)] for a in asked]
        first = asked[0]
        notes = [self.talk("decisions", count=len(asked), late=sum(a.late for a in asked), shown=SHOWN_ASKS,
                           first=clean(first.decision.decision).rstrip("."), line=first.line.code,
                           due=fi_date(first.decision.due) or self.t("no_value"))]
        notes += [t for t in (elsewhere_text(self.scope.asked_elsewhere, labels),
                              outcomes_text([a.decision for a in self.scope.outcomes], labels)) if t]
        return Table(self.c("decisions_title"), self.headers("decisions_headers"), [1.0, 6.0, 2.6, 1.8], rows,
                     " ".join(notes), self.labels.get("overview.more", file=self.more_file(),
                                                      chapter=self.labels.get("overview.opening.heading")))

    def golives(self) -> Table | None:
        scope = self.scope
        if not scope.golives:
            return None
        grouped = scope.golives_by_quarter()
        rows: list[list[str | Cell]] = []
        busiest, peak = "", 0
        # one row per quarter of the whole period (none left out, none repeated): the go-lives per channel and the
        # lines going live; each service is listed in the plan's roadmap chapter
        for q in scope.quarters:
            count = sum(len(grouped.get((code, q), [])) for code in scope.reference.channel_order)
            if count > peak:
                busiest, peak = self.quarter(q), count
            channels = [(code, grouped.get((code, q), [])) for code in scope.reference.channel_order]
            lines = sorted({g.line.code for _, found in channels for g in found})
            rows.append([self.quarter(q), self.labels.get("overview.golives.separator").join(
                self.labels.get("overview.golives.channel", channel=scope.reference.channel_name(code),
                                count=len(found)) for code, found in channels if found) or self.t("no_value"),
                ", ".join(lines) or self.t("no_value")])
        notes = self.c("golives_notes", count=len(scope.golives), first=self.quarter(scope.quarters[0]),
                       last=self.quarter(scope.quarters[-1]), busiest=busiest)
        return Table(self.c("golives_title"), list(self.labels.node("overview.golives.headers")), [1.4, 6.2, 4.4],
                     rows, notes, self.more("roadmap"))

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
        notes = " ".join([self.talk("exits", count=sum(len(s.systems) for s in sequence),
                                    saving=self.euro(sum(s.saving for s in sequence))),
                          *([self.talk("exits_blocked", blocked=", ".join(blocked))] if blocked else [])]) \
            if rows else self.c("exits_none")
        money = scope.money
        if rows and money.shared_systems:
            notes += " " + self.c("exits_shared", systems=", ".join(p.name for p in money.shared_systems),
                                  own=self.euro(money.system_savings.value))
        if not rows:
            rows = [[self.t("no_value"), self.c("exits_none"), self.t("no_value")]]
        return Table(self.c("exits_title"), self.headers("exits_headers"), [1.4, 8.0, 2.6], rows, notes,
                     self.more("exits"))

    def dependencies(self) -> Table | None:
        """Risks and dependencies that name another line, then the systems several lines exit."""
        scope = self.scope
        risks, shared = scope.cross_line_risks, scope.shared_systems
        if not risks and not shared:
            return None
        colours, reporting = self.ctx.reference.document_style.risks, self.ctx.reference.reporting
        rows: list[list[str | Cell]] = [[r.line.code, r.risk.description, ", ".join(r.others),
                                         Cell(str(r.risk.score or self.t("no_value")),
                                              Words.risk_colour(r.risk.score, reporting, colours))] for r in risks]
        rows += [[self.t("no_value"), self.c("shared_system", system=p.name, state=_lower_first(
            self.labels.get(f"county.systems.states.{p.state.value}"))), ", ".join(p.line_codes), self.t("no_value")]
                 for p in shared]
        notes = " ".join([self.talk("dependencies", count=len(risks)),
                          *([self.talk("dependencies_systems", systems=", ".join(p.name for p in shared))]
                            if shared else [])])
        return Table(self.c("dependencies_title"), self.headers("dependencies_headers"), [1.0, 7.0, 2.4, 1.2], rows,
                     notes, self.more("dependencies"), _size(rows))

    def money(self) -> Table | None:
        """New FTE and costs per line (an area) or per area (the county), the system savings counted at this level
        apart from the lines' other savings, the shared systems counted at a wider level, the total and the net."""
        scope = self.scope
        if not scope.views:
            return None
        m = scope.money
        rows: list[list[str | Cell]] = []
        if self.county:
            for area in self.areas_of:
                rows.append([area.name, fi_number(area.new_fte), *self._costs(area)])
            wider = county_only(m, [a.money for a in self.areas_of])
            rows.append([self.c("money_county_systems", count=len(wider)), "", "", "",
                         self.euro(sum(p.saving or 0.0 for p in wider))])
        else:
            for view in scope.views:
                s = view.plan.summary
                rows.append([self.words.named(view.name, view.code), fi_number(view.total_new_fte),
                             self.euro(s.cost_one_off), self.euro(s.cost_yearly), self.euro(other_saving(view))])
            rows.append([self.c("money_systems", count=len(m.own_systems)), "", "", "",
                         self.euro(m.system_savings.value)])
            if m.shared_systems:
                rows.append([self.c("money_shared", count=len(m.shared_systems)), "", "", "",
                             self.c("money_outside", value=self.euro(m.shared_saving))])
        rows.append([self.c("money_total"), fi_number(scope.new_fte), *self._costs(scope)])
        lacking = list(m.not_estimated)
        if lacking:                 # the caveat on the slide, not only in the notes
            rows.append([self.talk("money_missing_row", lines=", ".join(lacking)), *[self.t("no_value")] * 4])
        notes = " ".join([self.c("money_notes", fte=fi_number(scope.new_fte), one_off=self.euro(m.one_off.value),
                                 yearly=self.euro(m.yearly_cost.value), savings=self.euro(m.savings),
                                 net=self.net(m.net)),
                          *([self.talk("money_missing", count=len(lacking), lines=", ".join(lacking))]
                            if lacking else []),
                          staffing_text(scope.staffing, self.ctx.labels)])
        first = self.c("money_area") if self.county else self.headers("money_headers")[0]
        return Table(self.c("money_title"), [first, *self.headers("money_headers")[1:]], [4.0, 1.4, 2.2, 2.2, 2.2],
                     rows, notes, self.more("money"), _size(rows))

    def _costs(self, scope: Scope) -> list[str | Cell]:
        m = scope.money
        return [self.euro(m.one_off.value), self.euro(m.yearly_cost.value), self.euro(m.savings)]

    def net(self, value: float | None) -> str:
        return self.words.net(value)

    def line_slides(self) -> list:
        """One slide per valid line: its key message and status lights, with a word on its decisions."""
        slides = []
        for row in self.scope.rows:
            if row.valid and row.view:
                story = Story(row.view.plan, self.ctx)
                status = story.status(merge_decisions=True)
                status.title = self.words.named(row.view.name, row.view.code)
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
    for spec in with_changes_slide(story.slides(), ctx, area=area):
        draw(pager, spec, ctx, scope.reference.channel_name)
    return finish(template, ctx.as_of, title=title, subject=ctx.labels.get("deck.properties.combined_subject"),
                  author=scope.reference.organisation.name)


def render_area_deck(scope: Scope, ctx: RenderContext) -> bytes:
    return _render(scope, ctx, None, ctx.labels.get("deck.properties.area_title", area=scope.name))


def render_county_deck(scope: Scope, areas: list[Scope], ctx: RenderContext) -> bytes:
    return _render(scope, ctx, areas, ctx.labels.get("deck.properties.county_title",
                                                    county=scope.reference.organisation.name))
