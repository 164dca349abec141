"""The sample plans in templates/samples/: one per service line, valid, consistent and distinct."""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from itertools import combinations

import pytest

from pipeline.reference import Reference
from pipeline.samples import load_sample, sample_codes, sample_dir
from pipeline.schema import SHEETS, Perspective, StoryStage, col_of

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
