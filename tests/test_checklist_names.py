"""A readiness checklist item's name in the shown language, whichever language's spelling a workbook has: the
names looked up once per reference, and a copy of the reference in another language looks up its own."""
from __future__ import annotations

from pipeline.reference import Reference


def test_a_checklist_item_is_named_in_the_references_language_whatever_was_asked_before():
    finnish = Reference.load()
    fi_name = "Käyttöönotettavien palvelujen määrittely"
    sv_name = "Definition av de tjänster som ska tas i bruk"
    assert finnish.checklist_name(fi_name.upper()) == fi_name
    swedish = finnish.in_language("sv")                      # a copy made after the Finnish names were looked up
    assert swedish.checklist_name(fi_name) == sv_name
    assert finnish.checklist_name(sv_name) == fi_name
    assert swedish.checklist_name("Oma kohta") == "Oma kohta"               # a line's own item, as written
