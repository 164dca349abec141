"""The change story's content, in the guide's order: what each slide says and its speaker notes, from the plan.

Nothing here measures or draws (no python-pptx): `build.py` hands these specs to the pager, the chart and the
timeline."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pipeline.formatting import fi_date, fi_number, quantity
from pipeline.render.context import RenderContext
from pipeline.render.deck.specs import Bullets, Chart, Columns, Cover, Table, clean
from pipeline.schema import Goal, LinePlan, PathKind, Perspective, Service, StoryStage, Task
from pipeline.view.line import LineView


@dataclass
class Story:
    plan: LinePlan
    ctx: RenderContext
    view: LineView = field(init=False)

    def __post_init__(self) -> None:
        self.view = self.ctx.view(self.plan)

    # -- helpers ----------------------------------------------------------------------------------------------------
    def t(self, key: str, **values) -> str:
        return self.ctx.labels.get(f"deck.{key}", **values)

    def headers(self, key: str) -> list[str]:
        return list(self.ctx.labels.node(f"deck.{key}.headers"))

    def channel(self, code: str) -> str:
        return self.view.channel_name(code)

    def join(self, values) -> str:
        texts = (clean(v).replace("\n", " ").rstrip(" .") for v in values)
        unique = list(dict.fromkeys(text for text in texts if text))
        return self.t("list_separator").join(unique) or self.t("no_value")

    @property
    def date(self):
        return self.view.version_date

    @property
    def line(self) -> str:
        return clean(self.view.name) or self.t("no_value")

    @property
    def area(self) -> str:
        return clean(self.view.area_name)

    # -- title ------------------------------------------------------------------------------------------------------
    def title_notes(self) -> str:
        return self.t("title.notes", line=self.line, area=self.area or self.t("no_value"),
                      services=len(self.plan.services), channels=len(self.view.channels_used),
                      milestones=len(self.plan.milestones), date=fi_date(self.date),
                      facilitator=clean(self.plan.basics.facilitator) or self.t("no_value"))

    def subtitle(self) -> list[str]:
        area = [self.area] if self.area else []
        return [self.t("title.subtitle"), *area, self.t("title.date", date=fi_date(self.date))]

    def title_slide(self) -> Cover:
        return Cover("title", self.line, self.subtitle(), self.title_notes())

    # -- the story --------------------------------------------------------------------------------------------------
    def story_texts(self, stage: StoryStage) -> list[str]:
        return [s.text for s in self.plan.story if s.stage == stage and clean(s.text)]

    def story(self) -> list[Bullets]:
        drivers = self.story_texts(StoryStage.DRIVERS)
        before = self.story_texts(StoryStage.BEFORE)
        changes = self.story_texts(StoryStage.CHANGES)
        tools = [s.current_tools for s in self.plan.services] + [s.name for s in self.plan.systems]
        giveups = [g.item for g in self.plan.giveups if clean(g.item)]
        example = self.t("story.giveup_example", item=clean(giveups[0]).replace("\n", " ").rstrip(" .")) \
            if giveups else ""
        return [
            Bullets(self.t("story.drivers"), [[(x, False)] for x in drivers],
                    self.t("story.notes_drivers", count=len(drivers), goals=len(self.plan.goals),
                           channels=len({g.channel for g in self.plan.goals}))),
            Bullets(self.t("story.before"), [[(x, False)] for x in before],
                    self.t("story.notes_before", count=len(before), tools=self.join(tools))),
            Bullets(self.t("story.changes"), [[(x, False)] for x in changes],
                    self.t("story.notes_changes", services=len(self.plan.services), giveups=len(giveups),
                           example=example)),
        ]

    # -- people -----------------------------------------------------------------------------------------------------
    def _by_service(self, field: str) -> list[list[tuple[str, bool]]]:
        """One bullet per distinct text of FIELD, led by the services that share it."""
        grouped: dict[str, list[str]] = {}
        for service in self.plan.services:
            text = clean(getattr(service, field))
            if text:
                grouped.setdefault(text, []).append(clean(service.name) or service.id)
        return [[(f"{self.join(names)}: ", True), (text, False)] for text, names in grouped.items()]

    def _by_group(self, group_field: str, value_field: str) -> list[list[tuple[str, bool]]]:
        grouped: dict[str, list[str]] = {}
        for service in self.plan.services:
            group, value = clean(getattr(service, group_field)), clean(getattr(service, value_field))
            if group and value:
                grouped.setdefault(group, []).append(value)
        return [[(f"{group}: ", True), (self.sentences(values), False)] for group, values in grouped.items()]

    def sentences(self, values: list[str]) -> str:
        """Distinct texts one after another: a space after a full stop, the list separator otherwise."""
        out = ""
        for text in dict.fromkeys(v.replace("\n", " ") for v in values):
            out += ("" if not out else " " if out[-1] in ".!?" else self.t("list_separator")) + text
        return out

    def people(self) -> list[Columns | Bullets]:
        services = self.plan.services
        use_case = next((clean(s.use_case) for s in services if clean(s.use_case)), self.t("no_value"))
        customers = self.join(s.customer_groups for s in services)
        professionals = self.join(s.professionals for s in services)
        heads = (self.t("people.changes"), self.t("people.stays"))
        valued = sum(1 for s in services if clean(s.customer_value))
        pro_valued = sum(1 for s in services if clean(s.professional_values))
        return [
            Columns(self.t("people.customers"), heads,
                    (self._by_service("customer_changes"), self._by_service("customer_stays")),
                    self.t("people.notes_customers", groups=customers, use_case=use_case.replace("\n", " "))),
            Bullets(self.t("people.customer_benefits"), self._by_group("customer_groups", "customer_value"),
                    self.t("people.notes_customer_benefits", count=valued, total=len(services))),
            Columns(self.t("people.professionals"), heads,
                    (self._by_service("professional_changes"), self._by_service("professional_stays")),
                    self.t("people.notes_professionals", groups=professionals)),
            Bullets(self.t("people.professional_benefits"), self._by_group("professionals", "professional_values"),
                    self.t("people.notes_professional_benefits", count=pro_valued, total=len(services))),
        ]

    # -- channels ---------------------------------------------------------------------------------------------------
    def waves(self) -> list[tuple[int, list[str]]]:
        return self.view.waves

    def wave_section(self, wave: int, codes: list[str]) -> Cover:
        count = sum(len(self.plan.services_in(c)) for c in codes)
        return Cover("section", self.t("channels.section", wave=wave),
                     [self.t("channels.section_text", channels=self.join(self.channel(c) for c in codes))],
                     self.t("channels.section_notes", wave=wave, services=count))

    def service_row(self, s: Service) -> list[str]:
        return [s.name, s.description, s.customer_groups,
                self.ctx.labels.enum(s.phase) if s.phase else "", fi_date(s.target_golive)]

    def channel_table(self, code: str) -> Table:
        services = self.plan.services_in(code)
        golives = [s.target_golive for s in services if s.target_golive]
        notes = self.t("channels.notes", channel=self.channel(code), count=len(services),
                       phases=self.join(self.ctx.labels.enum(s.phase) for s in services if s.phase),
                       golive=fi_date(min(golives)) if golives else self.t("no_value"),
                       tools=self.join(s.current_tools for s in services))
        constraints = [s.constraints for s in services if clean(s.constraints)]
        if constraints:
            notes += "\n" + self.t("channels.notes_constraints", constraints=self.join(constraints))
        return Table(self.t("channels.title", channel=self.channel(code)), self.headers("channels"),
                     [2.2, 4.2, 2.4, 1.6, 1.3], [self.service_row(s) for s in services], notes)

    # -- goals ------------------------------------------------------------------------------------------------------
    def goals_in_order(self) -> list[Goal]:
        return self.view.goals_in_order

    def goals_table(self) -> Table:
        goals = self.goals_in_order()
        rows = [[self.channel(g.channel), g.goal, g.metric, quantity(g.baseline, clean(g.unit)),
                 quantity(g.target, clean(g.unit)), fi_date(g.target_date)] for g in goals]
        numeric = len(chart_goals(goals))
        return Table(self.t("goals.title"), self.headers("goals"), [1.6, 3.6, 3.0, 1.3, 1.3, 1.3], rows,
                     self.t("goals.notes", count=len(goals), numeric=numeric))

    def metric_label(self, goal: Goal) -> str:
        metric = clean(goal.metric).replace("\n", " ") or self.t("no_value")
        return self.t("goals.metric_with_unit", metric=metric, unit=clean(goal.unit)) if clean(goal.unit) else metric

    def goals_chart(self) -> Chart:
        goals = chart_goals(self.goals_in_order())
        lines = [self.t("goals.chart_notes")]
        for g in goals:
            lines.append(self.t(
                "goals.chart_line", metric=clean(g.metric).replace("\n", " "),
                baseline=fi_number(g.baseline) or self.t("no_value"),
                target=fi_number(g.target) or self.t("no_value"), unit=clean(g.unit),
                date=self.t("goals.chart_date", date=fi_date(g.target_date)) if g.target_date else "",
                source=self.t("goals.chart_source", source=self.join([g.baseline_source, g.target_source]))
                if clean(g.baseline_source) or clean(g.target_source) else "").strip())
        return Chart(self.t("goals.chart_title"), [self.metric_label(g) for g in goals],
                     [(self.t("goals.baseline"), [g.baseline for g in goals]),
                      (self.t("goals.target"), [g.target for g in goals])], "\n".join(lines))

    # -- perspectives, communication, resources ---------------------------------------------------------------------
    def perspective_items(self, kind: Perspective) -> list[list[tuple[str, bool]]]:
        return [[(p.text, False)] for p in self.plan.perspectives if p.perspective == kind and clean(p.text)]

    def perspectives(self) -> list[Columns]:
        items = {p: self.perspective_items(p) for p in Perspective}
        enum = self.ctx.labels.enum
        counts = {p.value: len(v) for p, v in items.items()}
        return [
            Columns(self.t("perspectives.title_a"), (enum(Perspective.SUPPORT), enum(Perspective.OPPORTUNITIES)),
                    (items[Perspective.SUPPORT], items[Perspective.OPPORTUNITIES]),
                    self.t("perspectives.notes_a", **counts)),
            Columns(self.t("perspectives.title_b"), (enum(Perspective.HELP), enum(Perspective.CONCERNS)),
                    (items[Perspective.HELP], items[Perspective.CONCERNS]), self.t("perspectives.notes_b", **counts)),
        ]

    def communication(self) -> Table:
        rows = [[t.professional, t.customer, t.notes] for t in self.plan.terms]
        return Table(self.t("communication.title"), self.headers("communication"), [3, 3, 4], rows,
                     self.t("communication.notes", count=len(rows)))

    def resources(self) -> Table:
        rows = [[clean(self.view.service_name(r.service)) or self.t("whole_line"), r.role, r.competence, r.people,
                 fi_number(r.new_fte)] for r in self.plan.resources]
        fte = self.view.total_new_fte
        return Table(self.t("resources.title"), self.headers("resources"), [2.4, 2.4, 3.0, 2.4, 1.2], rows,
                     self.t("resources.notes", count=len(rows), fte=fi_number(fte)))

    # -- next steps and closing -------------------------------------------------------------------------------------
    def next_steps(self, limit: int = 12) -> Table:
        open_tasks = [t for t in self.view.open_tasks if clean(t.item)]
        late = [t for t in open_tasks if t.is_overdue(self.ctx.as_of)]
        shown = open_tasks[:limit]
        rows = [[t.item, self.ctx.labels.enum(t.kind) if t.kind else "", t.owner, self.due(t),
                 self.ctx.labels.enum(t.status) if t.status else ""] for t in shown]
        return Table(self.t("next.title"), self.headers("next"), [4.6, 1.8, 2.2, 1.8, 1.4], rows,
                     self.t("next.notes", open=len(open_tasks), late=len(late), as_of=fi_date(self.ctx.as_of),
                            shown=len(shown)))

    def due(self, task: Task) -> str:
        if task.is_overdue(self.ctx.as_of):
            return self.t("next.late", date=fi_date(task.due))
        return fi_date(task.due)

    def closing(self) -> Cover:
        facilitator = clean(self.plan.basics.facilitator) or self.t("no_value")
        return Cover("closing", self.t("closing.title"), [self.t("closing.text", facilitator=facilitator)],
                     self.t("closing.notes"))

    # -- the timeline's notes ---------------------------------------------------------------------------------------
    def timeline_notes(self) -> str:
        """What runs now, what comes next, then every phase and milestone channel by channel."""
        nothing, as_of = self.t("timeline.nothing"), self.ctx.as_of
        span = self.plan.path_span()
        if not span:
            return self.t("timeline.notes", start=self.t("no_value"), end=self.t("no_value"),
                          as_of=fi_date(as_of), running=nothing, next=nothing)
        milestones = self.plan.milestones
        running = [m.name for m in milestones
                   if m.start and m.start <= as_of and (m.end or m.start) >= as_of and m.kind != PathKind.MILESTONE]
        upcoming = sorted((m for m in milestones if m.start and m.start >= as_of and m.kind == PathKind.MILESTONE),
                          key=lambda m: m.start or dt.date.max)
        upcoming_text = f"{clean(upcoming[0].name)} {fi_date(upcoming[0].start)}" if upcoming else nothing
        lines = [self.t("timeline.notes", start=fi_date(span[0]), end=fi_date(span[1]), as_of=fi_date(as_of),
                        running=self.join(running) if running else nothing, next=upcoming_text)]
        order = self.ctx.reference.channel_order
        for code in order + sorted({m.channel for m in milestones} - set(order)):
            for m in self.plan.milestones_in(code):
                lines.append(self.t(
                    "timeline.notes_item", channel=self.channel(code), name=clean(m.name).replace("\n", " "),
                    start=fi_date(m.start), end=self.t("timeline.notes_end", date=fi_date(m.end)) if m.end else "",
                    status=self.t("timeline.notes_status", status=self.ctx.labels.enum(m.status)) if m.status else "",
                    owner=self.t("timeline.notes_owner", owner=clean(m.owner)) if clean(m.owner) else ""))
        return "\n".join(lines)


def chart_goals(goals: list[Goal]) -> list[Goal]:
    """The goals the chart shows: those with a numeric baseline or target."""
    return [g for g in goals if g.baseline is not None or g.target is not None]
