"""The sample plans in templates/samples/: one per service line, valid, consistent and distinct."""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from itertools import combinations

import pytest

from pipeline.placeholders import placeholder_in
from pipeline.reference import Reference
from pipeline.samples import load_sample, sample_codes, sample_dir
from pipeline.schema import (
    SHEETS,
    Audience,
    DeciderLevel,
    DecisionStatus,
    Light,
    Perspective,
    PlanStatus,
    Readiness,
    Status,
    StoryStage,
    SystemDecision,
    base_type,
    col_of,
)
from pipeline.systemnames import canonical_system

SAMPLE_NOTE = "ESIMERKKIAINEISTO – keksitty esimerkkisuunnitelma, ei palvelulinjan oikea suunnitelma."
AS_OF_CHECK = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def ref() -> Reference:
    return Reference.load()


@pytest.fixture(scope="module")
def plans():
    return {code: load_sample(code) for code in sample_codes()}


def test_every_line_has_a_sample_and_nothing_else(ref):
    assert sorted(ref.line_codes) == sample_codes()


def test_basics_match_the_organisation(ref, plans):
    for code, plan in plans.items():
        assert plan.basics.line_code == code
        assert plan.basics.area == ref.area_of(code).name, code


def test_each_note_marks_sample_data(plans):
    for code, plan in plans.items():
        assert plan.basics.note == SAMPLE_NOTE, code


def test_no_row_numbers_in_samples():
    for path in sample_dir().glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for key, value in data.items():
            rows = value if isinstance(value, list) else [value]
            assert all("row" not in r for r in rows), (path.name, key)


def test_required_fields_are_filled(plans):
    for code, plan in plans.items():
        for spec in SHEETS:
            value = getattr(plan, spec.key)
            rows = value if isinstance(value, list) else [value]
            for n, row in enumerate(rows):
                for name in spec.fields:
                    if col_of(spec.model, name).required:
                        assert getattr(row, name) not in (None, "", []), (code, spec.key, n, name)


def test_ids_are_unique_and_well_formed(plans):
    for code, plan in plans.items():
        for rows, prefix in ((plan.services, "P"), (plan.systems, "J")):
            ids = [r.id for r in rows]
            assert len(ids) == len(set(ids)), (code, ids)
            assert all(re.fullmatch(prefix + r"\d{2}", i) for i in ids), (code, ids)


def test_references_resolve(plans):
    for code, plan in plans.items():
        services = {s.id for s in plan.services}
        systems = {s.id for s in plan.systems}
        for s in plan.services:
            assert set(s.systems) <= systems, (code, s.id, s.systems)
        for t in plan.tasks:
            assert t.service in services | {""}, (code, t.item)
        for g in plan.giveups:
            assert g.service in services | {""}, (code, g.item)
            assert g.system in systems | {""}, (code, g.item)
        for r in plan.resources:
            assert r.service in services | {""}, (code, r.role)


def test_channel_codes_are_valid_and_backed_by_services(ref, plans):
    codes = {c.code for c in ref.channels}
    for code, plan in plans.items():
        used = {s.channel for s in plan.services}
        assert used <= codes, code
        for rows in (plan.goals, plan.milestones):
            assert {r.channel for r in rows} <= used, code
        optional = [t.channel for t in plan.tasks] + [g.channel for g in plan.giveups]
        assert set(optional) <= codes | {""}, code
        assert {c for s in plan.systems for c in s.channels} <= codes, code


def test_dates_and_numbers_are_sane(plans):
    for code, plan in plans.items():
        for m in plan.milestones:
            assert m.end is None or m.end >= m.start, (code, m.name)
        for r in plan.risks:
            assert 1 <= (r.likelihood or 1) <= 5 and 1 <= (r.impact or 1) <= 5, code
        for r in plan.resources:
            assert r.new_fte is None or r.new_fte >= 0, code


def test_workshops_readiness_story_and_perspectives_complete(ref, plans):
    names = [w.name for w in ref.workshops]
    for code, plan in plans.items():
        assert [w.name for w in plan.workshops] == names, code
        assert [r.item for r in plan.readiness] == ref.readiness_items, code
        assert all(r.status is not None for r in plan.readiness), code
        assert {s.stage for s in plan.story} == set(StoryStage), code
        assert {p.perspective for p in plan.perspectives} == set(Perspective), code


def test_samples_differ_from_each_other(plans):
    for (a, pa), (b, pb) in combinations(plans.items(), 2):
        assert pa.basics.line_name != pb.basics.line_name, (a, b)
        assert pa.services[0].name != pb.services[0].name, (a, b)
        assert {s.text for s in pa.story}.isdisjoint({s.text for s in pb.story}), (a, b)
        assert {s.name for s in pa.services}.isdisjoint({s.name for s in pb.services}), (a, b)


def test_samples_vary_in_shape(ref, plans):
    wave2 = {c.code for c in ref.channels if c.wave == 2}
    counts = [len(p.services) for p in plans.values()]
    assert max(counts) >= 9 and min(counts) <= 4
    assert any(not ({s.channel for s in p.services} & wave2) for p in plans.values())
    assert sum(bool({s.channel for s in p.services} & wave2) for p in plans.values()) > len(plans) // 2


def test_county_cross_line_cases_are_present(plans):
    """The county workbook must meet spelling variants, a missing exit date and an exit after replacement."""
    omaolo = [(c, s) for c, p in plans.items() for s in p.systems if s.name.strip().lower().startswith("omaolo")]
    assert len({c for c, _ in omaolo}) >= 4
    assert any(s.exit_date is None for _, s in omaolo)
    assert any(s.name != "Omaolo" for _, s in omaolo)
    assert any(s.exit_date and s.replacement_date and s.exit_date > s.replacement_date
               for p in plans.values() for s in p.systems)
    casem = {c for c, p in plans.items() for s in p.systems if "casem" in s.name.lower().replace(" ", "")}
    assert len(casem) >= 3


def test_tasks_mix_overdue_done_and_future(plans):
    as_of = AS_OF_CHECK
    tasks = [t for p in plans.values() for t in p.tasks]
    assert any(t.due and t.due < as_of and t.status and t.status.value != "done" for t in tasks)
    assert any(t.status and t.status.value == "done" for t in tasks)
    assert any(t.due and t.due > as_of for t in tasks)


# --- schema version 3: what leadership decides with ------------------------------------------------------------

AS_OF = dt.date(2026, 11, 26)                       # the day the samples describe (tests/conftest.py)


def test_every_sample_has_a_summary_with_lights_and_reasons(plans):
    for code, plan in plans.items():
        summary = plan.summary
        assert len(summary.key_message) > 60, code
        for name in ("overall", "schedule", "readiness", "resources", "risks"):
            assert getattr(summary, name) is not None, (code, name)
            assert getattr(summary, f"{name}_reason").strip(), (code, name)


def test_lights_vary_across_lines(plans):
    def lights(plan):
        return {getattr(plan.summary, n) for n in ("overall", "schedule", "readiness", "resources", "risks")}
    overall = [p.summary.overall for p in plans.values()]
    assert sum(light is Light.RED for light in overall) >= 2
    assert Light.YELLOW in overall and Light.GREEN in overall
    assert sum(lights(p) == {Light.GREEN} for p in plans.values()) >= 2      # some lines all green


def test_lights_agree_with_the_plans_own_data(plans):
    for code, plan in plans.items():
        s = plan.summary
        overdue = [t for t in plan.tasks if t.is_overdue(AS_OF)]
        dimensions = [s.schedule, s.readiness, s.resources, s.risks]
        assert (s.schedule is Light.GREEN) == (not overdue), code
        if s.readiness is Light.GREEN:
            assert all(r.status is not Readiness.MISSING for r in plan.readiness), code
        if s.risks is Light.GREEN:
            assert max((r.likelihood or 0) * (r.impact or 0) for r in plan.risks) <= 12, code
        if s.overall is Light.RED:
            assert Light.RED in dimensions, code
        if s.overall is Light.GREEN:
            assert Light.RED not in dimensions, code


def test_costs_some_lines_not_estimated_the_rest_plausible(plans):
    without = [c for c, p in plans.items() if p.summary.cost_one_off is None and p.summary.cost_yearly is None]
    assert len(without) >= 3
    assert any(not plans[c].summary.cost_basis for c in without)
    assert all("ei ole vielä arvioitu" in plans[c].summary.cost_basis for c in without if plans[c].summary.cost_basis)
    for code, plan in plans.items():
        s = plan.summary
        if code in without:
            assert s.savings_yearly is None, code
            continue
        assert 10_000 <= s.cost_one_off <= 300_000 and 5_000 <= s.cost_yearly <= 150_000, code
        assert s.cost_basis, code
    assert sum(p.summary.savings_yearly is not None for p in plans.values()) >= 5


def test_expected_savings_are_the_yearly_costs_of_the_systems_left(plans):
    """A line's expected saving is what its exited systems (with an exit date) cost a year."""
    for code, plan in plans.items():
        if plan.summary.savings_yearly is None:
            continue
        left = sum(s.yearly_cost or 0 for s in plan.systems if s.exits and s.exit_date)
        assert plan.summary.savings_yearly == left, code


def test_decisions_reach_every_level_with_mixed_statuses(plans):
    counts = {c: len(p.decisions) for c, p in plans.items()}
    assert all(n <= 4 for n in counts.values())
    assert sum(n == 0 for n in counts.values()) >= 2
    decisions = [d for p in plans.values() for d in p.decisions]
    assert {d.decider for d in decisions} == set(DeciderLevel)
    assert {d.status for d in decisions} == set(DecisionStatus)
    assert all(d.decider_name for d in decisions if d.decider is DeciderLevel.BODY)
    assert all(dt.date(2026, 10, 1) <= d.due <= dt.date(2027, 12, 31) for d in decisions)
    late = [d for d in decisions if d.status is DecisionStatus.WAITING and d.due < AS_OF]
    assert len(late) >= 2


def test_every_line_says_how_its_leaders_are_supported(plans):
    audiences = set()
    for code, plan in plans.items():
        assert 2 <= len(plan.leader_support) <= 4, code
        perspectives = {p.text for p in plan.perspectives}
        for item in plan.leader_support:
            assert item.audience and item.owner and item.tools and item.timing, (code, item.measure)
            assert item.measure not in perspectives, code         # not the staff's peer support copied over
            audiences.update(item.audience)
    assert audiences == set(Audience)


def test_plan_status_history_and_workshop_times(plans):
    statuses = [p.basics.plan_status for p in plans.values()]
    assert all(p.basics.approver for p in plans.values())
    assert 2 <= statuses.count(PlanStatus.APPROVED) < statuses.count(PlanStatus.DRAFT)
    with_history = [p for p in plans.values() if p.history]
    assert len(plans) // 3 <= len(with_history) <= 2 * len(plans) // 3
    for plan in with_history:
        dates = [h.date for h in plan.history]
        assert dates == sorted(dates) and len(plan.history) <= 4
        assert plan.workshops[0].date <= dates[0] and dates[-1] == plan.basics.version_date
    timed = [p for p in plans.values() if all(w.start_time for w in p.workshops)]
    untimed = [p for p in plans.values() if not any(w.start_time for w in p.workshops)]
    assert len(timed) > len(plans) // 2 and len(untimed) >= 2 and len(timed) + len(untimed) == len(plans)
    times = {w.start_time for p in timed for w in p.workshops}
    assert len(times) >= 3 and all(dt.time(8) <= t <= dt.time(13) for t in times)


def test_every_system_has_a_decision_consistent_with_its_dates(plans):
    systems = [(c, s) for c, p in plans.items() for s in p.systems]
    decisions = [s.decision for _, s in systems]
    assert None not in decisions
    assert all(decisions.count(d) >= 3 for d in SystemDecision)
    for code, s in systems:
        assert s.system_owner and s.decider, (code, s.name)
        if s.decision is SystemDecision.KEEP:
            assert s.exit_date is None and s.keeps, (code, s.name)
        if s.decision is SystemDecision.KEEP_PARTLY:
            assert s.keeps, (code, s.name)
        if s.exits:
            assert s.archiving, (code, s.name)
            assert not (s.exit_date and s.replacement_date and s.exit_date < s.replacement_date), (code, s.name)
            deadline = s.notice_deadline
            assert deadline is None or deadline >= AS_OF, (code, s.name)
        assert not (s.status is Status.DONE and s.exit_date and s.exit_date > AS_OF), (code, s.name)
    exits = [s for _, s in systems if s.exits]
    assert sum(s.yearly_cost is not None for s in exits) > len(exits) // 2
    assert sum(s.contract_end is not None and s.notice_months is not None for s in exits) > len(exits) // 2


def test_a_system_kept_by_one_line_is_left_by_others(plans, ref):
    by_system: dict[str, dict[SystemDecision, set[str]]] = {}
    owners: dict[str, set[str]] = {}
    for code, plan in plans.items():
        for s in plan.systems:
            name = canonical_system(s.name, ref) or s.name
            by_system.setdefault(name, {}).setdefault(s.decision, set()).add(code)
            owners.setdefault(name, set()).add(s.system_owner)
    kept_and_left = [n for n, d in by_system.items() if d.get(SystemDecision.KEEP) and d.get(SystemDecision.EXIT)]
    assert "Tekstiviestipalvelu" in kept_and_left and len(kept_and_left) >= 2
    assert any(d.get(SystemDecision.KEEP_PARTLY) and d.get(SystemDecision.EXIT) for d in by_system.values())
    shared = [n for n in by_system if canonical_system(n, ref) and sum(map(len, by_system[n].values())) > 1]
    assert all(len(owners[n]) == 1 for n in shared), {n: owners[n] for n in shared}   # one owner per system


def _free_text_fields(spec):
    return [n for n in spec.fields
            if not (spec.col(n).id_prefix or spec.col(n).ref or spec.col(n).source)
            and base_type(spec.model, n)[0] is str]


def test_no_guide_example_or_placeholder_in_any_sample(plans, labels):
    def folded(text: str) -> str:
        return " ".join(re.sub(r"[^\w]+", " ", text).split()).casefold()
    for spec in SHEETS:
        fields = _free_text_fields(spec)
        examples = {n: folded(labels.node(f"intake.sheets.{spec.key}.fields.{n}").get("example", "")) for n in fields}
        for code, plan in plans.items():
            value = getattr(plan, spec.key)
            for row in value if isinstance(value, list) else [value]:
                for name in fields:
                    text = getattr(row, name)
                    assert not placeholder_in(text), (code, spec.key, name, text)
                    assert not examples[name] or folded(text) != examples[name], (code, spec.key, name, text)
