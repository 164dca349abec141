"""The schema is declared once and its wording is complete in the catalogue."""
from __future__ import annotations

import openpyxl
import pytest

from pipeline.intake.fields import field_codecs
from pipeline.schema import SHEETS, LinePlan, col_of, id_sheets


def test_defusedxml_protects_openpyxl():
    assert openpyxl.DEFUSEDXML is True


@pytest.mark.parametrize("spec", SHEETS, ids=lambda s: s.key)
def test_every_field_has_a_header_and_help_in_the_catalogue(spec, reference, labels):
    name = labels.get(f"intake.sheets.{spec.key}.name")
    assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\")
    wording = labels.node(f"intake.sheets.{spec.key}.fields")
    assert set(wording) == set(spec.fields), "catalogue and schema disagree"
    codecs = field_codecs(spec, reference, labels)
    assert all(c.header and c.help for c in codecs)
    headers = [c.header.casefold() for c in codecs]
    assert len(set(headers)) == len(headers)


def test_sheet_names_are_unique_and_every_sheet_is_a_plan_field(labels):
    names = [labels.get(f"intake.sheets.{s.key}.name") for s in SHEETS]
    assert len(set(names)) == len(names)
    assert [s.key for s in SHEETS] == list(LinePlan.model_fields)


def test_references_point_at_sheets_with_ids():
    targets = {col_of(s.model, f).ref for s in SHEETS for f in s.fields if col_of(s.model, f).ref}
    assert targets == set(id_sheets()) == {"services", "systems"}


def test_every_enum_member_has_a_display_name(labels):
    from enum import Enum

    from pipeline.intake.fields import base_type
    for spec in SHEETS:
        for field in spec.fields:
            kind, _ = base_type(spec.model, field)
            if isinstance(kind, type) and issubclass(kind, Enum):
                assert all(labels.enum(member) for member in kind)


def test_reference_data_is_consistent(reference):
    assert len(reference.line_codes) == len(set(reference.line_codes)) == 15
    assert [c.code for c in reference.channels if c.wave == 1] == ["chat", "messages", "forms"]
    assert len(reference.workshops) == 4 and len(reference.readiness_items) == 13
