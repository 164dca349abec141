"""Rules across cells, rows and sheets, run on a parsed plan; every finding names its sheet and cell."""
from __future__ import annotations

import datetime as dt
from functools import partial

from pipeline.catalog import Labels
from pipeline.formatting import fi_date
from pipeline.intake.fields import normalise, sheet_name
from pipeline.intake.parse import Parsed
from pipeline.intake.problems import Reporter
from pipeline.placeholders import placeholder_in
from pipeline.reference import Reference
from pipeline.schema import SHEETS, PathKind, SheetSpec, Status, SystemDecision, id_sheets, sheet
from pipeline.systemnames import canonical_system, suggest_system


def validate(parsed: Parsed, reference: Reference, labels: Labels, report: Reporter,
             as_of: dt.date | None = None) -> None:
    """Every rule across cells, rows and sheets; AS_OF is the day deadlines are checked against (today)."""
    checker = _Checker(parsed, reference, labels, report, as_of or dt.date.today())
    checker.line()
    checker.ids()
    checker.dates()
    checker.channels_with_services()
    checker.service_channels()
    checker.system_names()
    checker.system_exits()
    checker.placeholders()


class _Checker:
    def __init__(self, parsed: Parsed, reference: Reference, labels: Labels, report: Reporter,
                 as_of: dt.date) -> None:
        self.plan = parsed.plan
        self.layouts = parsed.layouts
        self.reference = reference
        self.labels = labels
        self.report = report
        self.as_of = as_of

    def _where(self, key: str, field: str, row: int | None = None) -> dict:
        layout = self.layouts.get(key)
        spec = sheet(key)
        header = self.labels.get(f"intake.sheets.{key}.fields.{field}.header")
        return {"sheet": layout.name if layout else sheet_name(spec, self.labels),
                "cell": layout.cell(field, row) if layout else "", "field": header}

    def line(self) -> None:
        """The line code against the organisation, the service area and the file name: when two of the three
        agree, the third is the likelier mistake, and the hint fixes that one."""
        basics = self.plan.basics
        if "basics" not in self.layouts or not basics.line_code:
            return
        code, named = basics.line_code, self.reference.line_code_in_name(self.report.path)
        if code not in self.reference.line_codes:
            self.report.error("line.unknown", **self._where("basics", "line_code"), value=code,
                              allowed=", ".join(self.reference.line_codes))
            return
        area = self.reference.area_of(code)
        stated = next((a for a in self.reference.organisation.areas if a.name == basics.area), None)
        if basics.area and area and basics.area != area.name:
            expected = named if stated and named in stated.lines else \
                (stated.lines[0] if stated and len(stated.lines) == 1 else "")
            if expected:
                self.report.error("line.code_mismatch", **self._where("basics", "line_code"), value=code,
                                  area=basics.area, expected=expected, line_area=area.name)
            else:
                self.report.error("line.area_mismatch", **self._where("basics", "area"), value=basics.area,
                                  line=code, expected=area.name)
        elif named and named != code:
            self.report.warning("line.file_name", **self._where("basics", "line_code"), value=code, file_code=named)

    def ids(self) -> None:
        known: dict[str, set[str]] = {}
        for key, spec in id_sheets().items():
            id_field = next(f for f in spec.fields if spec.col(f).id_prefix)
            seen: dict[str, int] = {}
            for item in getattr(self.plan, key):
                value = getattr(item, id_field)
                if value and value in seen:
                    self.report.error("id.duplicate", **self._where(key, id_field, item.row), value=value,
                                      other=seen[value])
                elif value:
                    seen[value] = item.row
            known[key] = set(seen)
        for spec in SHEETS:
            for field in spec.fields:
                target = spec.col(field).ref
                if not target or spec.key not in self.layouts:
                    continue
                target_name = sheet_name(sheet(target), self.labels)
                for item in getattr(self.plan, spec.key):
                    value = getattr(item, field)
                    for ref in value if isinstance(value, list) else [value]:
                        if ref and ref not in known.get(target, set()):
                            self.report.error("id.unknown_ref", **self._where(spec.key, field, item.row),
                                              value=ref, target=target_name)

    def dates(self) -> None:
        for item in self.plan.milestones:
            if item.start and item.end and item.end < item.start:
                self.report.error("date.end_before_start", **self._where("milestones", "end", item.row),
                                  value=fi_date(item.end), start=fi_date(item.start))
            elif item.kind is PathKind.PHASE and item.start and not item.end:
                self.report.warning("date.phase_without_end", **self._where("milestones", "end", item.row),
                                    value=item.name)

    def channels_with_services(self) -> None:
        with_services = {s.channel for s in self.plan.services}
        for key in ("goals", "milestones"):
            reported = set()
            for item in getattr(self.plan, key):
                if item.channel and item.channel not in with_services and item.channel not in reported:
                    reported.add(item.channel)
                    self.report.warning("channel.no_services", **self._where(key, "channel", item.row),
                                        value=self.reference.channel_name(item.channel))

    def service_channels(self) -> None:
        """A row naming both a channel and a service must name the service's own channel."""
        for key in ("tasks", "giveups"):
            for item in getattr(self.plan, key):
                service = self.plan.service(item.service) if item.service else None
                if service and item.channel and service.channel and service.channel != item.channel:
                    self.report.warning("channel.service_mismatch", **self._where(key, "channel", item.row),
                                        value=self.reference.channel_name(item.channel), service=service.id,
                                        expected=self.reference.channel_name(service.channel))

    def system_names(self) -> None:
        for item in self.plan.systems:
            if item.name and canonical_system(item.name, self.reference) is None:
                suggestion = suggest_system(item.name, self.reference)
                if suggestion:
                    self.report.warning("system.unknown_name", **self._where("systems", "name", item.row),
                                        value=item.name, suggestion=suggestion)

    def system_exits(self) -> None:
        """Each line's decision per legacy system against its dates and contract (what a shutdown needs)."""
        for item in self.plan.systems:
            where = partial(self._where, "systems", row=item.row)
            name = item.name or item.id
            if item.decision is None:
                self.report.warning("system.no_decision", **where("decision"), value=name)
            elif item.decision is SystemDecision.KEEP and item.exit_date:
                self.report.warning("system.keep_with_exit_date", **where("exit_date"), value=name,
                                    date=fi_date(item.exit_date))
            elif item.decision is SystemDecision.KEEP_PARTLY and not item.keeps.strip():
                self.report.warning("system.keep_partly_without_what", **where("keeps"), value=name)
            if item.status is Status.DONE and item.exit_date and item.exit_date > self.as_of:
                self.report.warning("system.done_future_exit", **where("status"), value=name,
                                    date=fi_date(item.exit_date))
            if item.exits and item.exit_date and item.replacement_date and item.exit_date < item.replacement_date:
                self.report.warning("system.exit_before_replacement", **where("exit_date"), value=name,
                                    date=fi_date(item.exit_date), replacement=fi_date(item.replacement_date))
            deadline = item.notice_deadline
            if (item.exits and item.status is not Status.DONE and deadline and item.contract_end
                    and deadline < self.as_of <= item.contract_end):
                self.report.warning("system.notice_too_late", **where("notice_months"), value=name,
                                    contract_end=fi_date(item.contract_end), months=item.notice_months,
                                    deadline=fi_date(deadline))

    def placeholders(self) -> None:
        """Text left as a placeholder (N, XX, <nimi>, …) or copied from the guide's example never reaches
        leadership silently."""
        for spec in SHEETS:
            if spec.key not in self.layouts:
                continue
            examples, free = _free_columns(spec, self.labels)
            rows = getattr(self.plan, spec.key)
            for item in [rows] if spec.is_form else rows:
                for name in free:
                    value = getattr(item, name)
                    if not isinstance(value, str) or not value.strip():
                        continue
                    token = placeholder_in(value)
                    if token:
                        self.report.warning("placeholder.text", **self._where(spec.key, name, item.row), value=token)
                    elif not spec.col(name).source and normalise(value) in examples[name]:
                        self.report.warning("placeholder.example", **self._where(spec.key, name, item.row),
                                            value=value)


_FREE: list[tuple[Labels, dict[str, tuple[dict[str, set[str]], list[str]]]]] = []     # per catalogue, recent


def _free_columns(spec: SheetSpec, labels: Labels) -> tuple[dict[str, set[str]], list[str]]:
    """SPEC's columns of free text (no ID, reference or closed list), and each column's guide examples in every
    language, normalised; worked out once per catalogue (a build checks hundreds of workbooks with one)."""
    known = next((found for catalogue, found in _FREE if catalogue is labels), None)
    if known is None:
        known = {}
        _FREE[:] = [*_FREE[-3:], (labels, known)]
    if spec.key not in known:
        examples = {name: {example for catalogue in labels.everywhere() if (example := _guide_example(
            catalogue.node(f"intake.sheets.{spec.key}.fields.{name}")))} for name in spec.fields}
        free = [name for name in spec.fields if not (spec.col(name).id_prefix or spec.col(name).ref
                                                      or (spec.col(name).source and not spec.col(name).open_list))]
        known[spec.key] = examples, free
    return known[spec.key]


MIN_EXAMPLE_WORDS = 4     # shorter examples ("Aluehallitus", "12 vuotta") show a format, and may be the real answer


def _guide_example(wording: dict) -> str:
    """The column's example, folded for comparison, when it is a sentence a user might copy ('' otherwise)."""
    example = wording.get("example", "")
    return normalise(example) if len(example.split()) >= MIN_EXAMPLE_WORDS else ""


