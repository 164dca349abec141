"""Hostile texts and a huge, hostile variant of a sample plan: test and benchmark data, kept out of the product.

Used by the tests (tests/) and the benchmark (tools/bench/) to prove that documents never crash, overflow or drop
text. Importable as `tools.stress` from the project root (pytest and `make bench` run there)."""
from __future__ import annotations

from pipeline.schema import LinePlan

HOSTILE_TEXTS = [
    "Tutkimukset & hoito <kiireellinen> \"lainaus\" 'heittomerkit'",
    "{{ muuttuja }} ja {% if x %}ehto{% endif %} sekä {# kommentti #}",
    "=HYPERLINK(\"http://example.invalid\",\"klikkaa\")",
    "+358 40 123 4567 ja -5 astetta sekä @käyttäjä",
    "Hymiö 😀 ja ääkköset ÅÄÖ åäö – ja — viivat",
    "Rivi yksi\nRivi kaksi\x0bpehmeä rivinvaihto\x01ohjausmerkki",
]


def stress_plan(base: LinePlan, services: int = 30, text_length: int = 10_000) -> LinePlan:
    """A hostile, huge variant of BASE: many services across every channel, very long and tricky texts.

    Used by tests and the benchmark to prove that documents never crash, overflow or drop text."""
    plan = base.model_copy(deep=True)
    channels = [s.channel for s in plan.services] or ["chat"]
    long_text = (" ".join(HOSTILE_TEXTS) + " ") * (text_length // 200 + 1)
    template = plan.services[0]
    plan.services = [
        template.model_copy(update={
            "id": f"P{n:02d}",
            "channel": channels[n % len(channels)],
            "name": f"{HOSTILE_TEXTS[n % len(HOSTILE_TEXTS)]} palvelu {n}",
            "description": long_text[:text_length] if n == 1 else f"{HOSTILE_TEXTS[n % 6]} " * 20,
            "use_case": HOSTILE_TEXTS[(n + 1) % len(HOSTILE_TEXTS)] * 3,
        })
        for n in range(1, services + 1)
    ]
    plan.basics = plan.basics.model_copy(update={"line_name": f"{plan.basics.line_name} & <kokeilu> 😀"})
    return plan
