"""The change story's second half: the goals and metrics, the timeline, the risks, readiness and the legacy
systems, resources and costs, and the next steps (specs only, as in story.py)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.formatting import fi_date, fi_number, quantity
from pipeline.render.deck.specs import Bullets, Cell, Chart, Columns, Risks, Table, clean
from pipeline.render.deck.story_base import StoryBase
from pipeline.render.deck.timeline_layout import timeline_items
from pipeline.render.staffing_text import staffing_text
from pipeline.schema import Funding, Readiness, Resource
from pipeline.systemnames import line_display_name
from pipeline.view.money import other_saving, system_shares
from pipeline.view.phases import PhaseState
from pipeline.words import Words

TOP_RISKS = 5


@dataclass
class TimelineSpec:
    title: str
    items: list[Any]
    notes: str
    more: str


class FollowUpSlides(StoryBase):
    def metric_label(self, goal) -> str:
        metric = clean(goal.metric).replace("\n", " ") or self.t("no_value")
        return self.t("goals.metric_with_unit", metric=metric, unit=clean(goal.unit)) if clean(goal.unit) else metric

    def goals(self) -> Chart | Bullets | None:
        goals = self.view.goals_in_order
        numeric = self.view.charted_metrics
        if not numeric:
            if not goals:
                return None
            return Bullets(self.t("goals.goals_only"), [[(f"{self.channel(g.channel)}: ", True), (g.goal, False)]
                                                        for g in goals], self.talk("goals_none"))
        first = numeric[0]
        notes = [self.talk("goals", count=len(self.view.metrics), metric=clean(first.metric),
                        baseline=quantity(first.baseline, clean(first.unit)) or self.t("goals.unknown"),
                        target=quantity(first.target, clean(first.unit)) or self.t("goals.unknown"),
                        date=self.t("goals.notes_date", date=fi_date(first.target_date)) if first.target_date else "")]
        unknown = sum(1 for g in numeric if g.baseline is None)
        if unknown:
            notes.append(self.talk("goals_unknown", count=unknown))
        return Chart(self.t("goals.title"), [self.metric_label(g) for g in numeric],
                     [(self.t("goals.baseline"), [g.baseline for g in numeric]),
                      (self.t("goals.target"), [g.target for g in numeric])], " ".join(notes),
                     self.t("goals.unknown"), self.more(len(numeric), "goals.chapter"))

    def timeline(self) -> TimelineSpec | None:
        items = timeline_items(self.plan, self.ctx.reference.channel_order, self.ctx.as_of)
        if not items:
            return None
        return TimelineSpec(self.t("timeline.title"), items, self.timeline_notes(),
                            self.t("timeline.more", file=self.plan_file))

    def timeline_notes(self) -> str:
        as_of, nothing, view = self.ctx.as_of, self.t("timeline.nothing"), self.view
        span = self.plan.path_span() or (as_of, as_of)
        running = [m.name for m in view.phases_in(PhaseState.RUNNING)]
        notes = [self.t("timeline.notes", start=fi_date(span[0]), end=fi_date(span[1]), as_of=fi_date(as_of),
                        running=self.join(running) if running else nothing)]
        upcoming = view.next_milestones(1)
        if upcoming:
            notes.append(self.t("timeline.notes_next", name=clean(upcoming[0].name), date=fi_date(upcoming[0].start)))
        golives = sorted((s for s in self.plan.services if s.target_golive), key=lambda s: s.target_golive or as_of)
        if golives:
            notes.append(self.t("timeline.notes_golives", items=self.join(
                self.t("timeline.item_date", name=clean(s.name), date=fi_date(s.target_golive)) for s in golives[:3])))
        exits = sorted((s for s in self.plan.systems if s.shuts_down and s.exit_date),
                       key=lambda s: s.exit_date or as_of)
        if exits:
            notes.append(self.t("timeline.notes_shutdowns", items=self.join(
                self.t("timeline.item_date", name=line_display_name(s.name, self.ctx.reference),
                       date=fi_date(s.exit_date)) for s in exits)))
        late = [m.name for m in view.phases_in(PhaseState.LATE)]
        if late:
            notes.append(self.talk("timeline_late", items=self.join(late)))
        return " ".join(notes)

    # -- risks, readiness, money, next steps -----------------------------------------------------------------------
    def risks(self) -> Risks | None:
        risks = self.plan.risks
        if not risks:
            return None
        reporting, colours = self.ctx.reference.reporting, self.ctx.reference.document_style.risks
        counts: dict[tuple[int, int], int] = {}
        for r in risks:
            if r.likelihood and r.impact:
                counts[(r.likelihood, r.impact)] = counts.get((r.likelihood, r.impact), 0) + 1
        fills = {(lk, im): Words.risk_colour(lk * im, reporting, colours) for lk in range(1, 6) for im in range(1, 6)}
        top = self.view.top_risks(TOP_RISKS)
        rows: list[list[str | Cell]] = [[r.description, Cell(str(r.score) if r.score else self.t("no_value"),
                                                              Words.risk_colour(r.score, reporting, colours)),
                                         r.owner, r.mitigation] for r in top]
        table = Table(self.t("risks.title"), self.headers("risks.headers"), [3.2, 1.0, 1.6, 3.0], rows, "",
                      self.more(len(risks), "risks.chapter"))
        unrated = sum(1 for r in risks if not r.score)
        high = sum(1 for r in risks if reporting.risk_level(r.score) == "high")
        first = top[0]
        owner, mitigation = clean(first.owner), clean(first.mitigation).rstrip(".")
        notes = " ".join([self.talk("risks", count=len(risks), high=high, top=clean(first.description).rstrip("."),
                                    score=first.score or self.t("no_value")),
                          self.talk("risks_owner", owner=owner) if owner else self.talk("risks_no_owner"),
                          self.talk("risks_mitigation", mitigation=mitigation) if mitigation
                          else self.talk("risks_no_mitigation")])
        return Risks(self.t("risks.title"), counts, fills, (self.t("risks.likelihood"), self.t("risks.impact")),
                     table, notes, self.t("risks.unrated", count=unrated) if unrated else "")

    def readiness(self) -> Columns | None:
        items = self.plan.readiness
        systems = [s for s in self.plan.systems if clean(s.name)]
        if not items and not systems:
            return None
        ready = sum(1 for i in items if i.status is Readiness.READY)
        order = [Readiness.MISSING, Readiness.PARTIAL, None, Readiness.READY, Readiness.NOT_APPLICABLE]
        open_items = sorted(items, key=lambda i: order.index(i.status))        # what is missing first
        left: list[list[tuple[str, bool]]] = [[(self.t("readiness.summary", ready=ready, total=len(items)), True)]]
        name = self.ctx.reference.checklist_name
        left += [[(self.t("readiness.item", item=clean(name(i.item)), status=self.enum(i.status) or self.t("no_value")),
                   False)] for i in open_items]
        right = [[(self.t("readiness.system", name=line_display_name(s.name, self.ctx.reference),
                          decision=self.enum(s.decision) or self.t("no_value"),
                          date=self.t("readiness.system_date", date=fi_date(s.exit_date)) if s.exit_date else ""),
                   False)] for s in systems] or [[(self.t("readiness.no_systems"), False)]]
        missing = [clean(self.ctx.reference.checklist_name(i.item)) for i in items if i.status is Readiness.MISSING]
        notes = [self.t("readiness.notes", ready=ready, total=len(items), missing=self.join(missing)) if missing
                 else self.t("readiness.notes_ready", ready=ready, total=len(items))]
        if systems:
            notes.append(self.t("readiness.notes_systems", items=self.join(r[0][0] for r in right)))
        return Columns(self.t("readiness.title"), [self.t("readiness.readiness"), self.t("readiness.systems")],
                       [left, right], " ".join(notes),
                       self.t("readiness.more", items=len(open_items), systems=len(systems), file=self.plan_file,
                              chapter=self.t("readiness.chapter")))

    def how_met(self, row: Resource) -> str:
        """How a role's need is met, with its funding when that says more ('uusi rekrytointi, hylätty')."""
        funding = row.funding if row.funding not in (None, Funding.NOT_NEEDED) else None
        return self.join([self.enum(row.staffing).lower(), self.enum(funding).lower() if funding else ""])

    def savings_split(self, view) -> list:
        """The line's typed saving split into its exited systems' shares and its other savings (as the Word plan
        says it): nothing to split when it has no shares; no zero said when all of it is shares."""
        shares, other = system_shares(view), other_saving(view) or 0.0
        if view.plan.summary.savings_yearly is None or not shares:
            return []
        if not other:
            return [[(self.t("money.savings_all_systems"), False)]]
        return [[(self.t("money.savings_split", systems=self.euro(shares), other=self.euro(other)), False)]]

    def money(self) -> Columns | None:
        view, summary = self.view, self.plan.summary
        roles = [[(self.t("money.role" if r.new_fte else "money.role_no_fte", role=clean(r.role),
                          service=clean(view.service_name(r.service)) or self.t("whole_line"),
                          fte=fi_number(r.new_fte), how=self.how_met(r)), False)]
                 for r in self.plan.resources if clean(r.role)]
        if not roles and not view.has_costs:
            return None
        costs = [[(self.t("money.one_off", value=self.euro(summary.cost_one_off)), False)],
                 [(self.t("money.yearly", value=self.euro(summary.cost_yearly)), False)],
                 [(self.t("money.savings", value=self.euro(summary.savings_yearly)), False)],
                 *self.savings_split(view),
                 [(self.t("money.fte", value=fi_number(view.total_new_fte)) if view.total_new_fte
                   else self.t("money.fte_none"), True)]]
        if clean(summary.cost_basis):
            costs.append([(self.t("money.basis", basis=clean(summary.cost_basis)), False)])
        estimated = summary.cost_one_off is not None and summary.cost_yearly is not None
        notes = " ".join([self.talk("money" if estimated else "money_unestimated", fte=fi_number(view.total_new_fte),
                                    one_off=self.euro(summary.cost_one_off), yearly=self.euro(summary.cost_yearly)),
                          staffing_text(view.staffing, self.ctx.labels)])
        return Columns(self.t("money.title"), [self.t("money.resources"), self.t("money.costs")],
                       [roles or [[(self.t("empty"), False)]], costs], notes,
                       self.more(len(roles), "money.chapter"))

    def next_steps(self) -> Table | None:
        """The open tasks by due date (late ones marked), then the next intermediate goals of the path."""
        tasks = [t for t in self.view.open_tasks if clean(t.item)]
        milestones = self.view.next_milestones(3)
        if not tasks and not milestones:
            return None
        rows: list[list[str | Cell]] = [[t.item, t.owner, self.t("next.late", date=fi_date(t.due))
                                         if t.is_overdue(self.ctx.as_of) else fi_date(t.due), self.enum(t.status)]
                                        for t in tasks]
        rows += [[self.t("next.milestone", name=clean(m.name)), m.owner, fi_date(m.start), self.enum(m.status)]
                 for m in milestones]
        first, late = self.view.next_task, len(self.view.overdue_tasks)
        if tasks and first:
            notes = self.talk("next", open=len(tasks), late=late, first=clean(first.item).rstrip("."),
                              due=fi_date(first.due), owner=clean(first.owner) or self.t("no_value"))
        elif tasks:
            notes = self.t("next.notes_no_next", open=len(tasks), late=late)
        else:
            notes = self.talk("next_none")
        return Table(self.t("next.title"), self.headers("next.headers"), [5.6, 2.2, 1.8, 1.4], rows, notes,
                     self.more(len(tasks), "next.chapter"))

