"""Count the samples' key figures straight from the intake workbooks with openpyxl, without importing `pipeline`.

Run `python tests/data/count_facts.py` to print the counts `tests/data/facts.toml` holds; the consistency suite
checks the documents against that table, never against this script's run."""
from __future__ import annotations

import datetime as dt
import sys
import tomllib
from collections import Counter
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
CHANNELS = tomllib.loads((ROOT / "templates/data/channels.toml").read_text(encoding="utf-8"))["channels"]
CODE_OF = {name: c["code"] for c in CHANNELS for name in (c["name"], c["name_sv"])}
WAVE_OF = {c["code"]: c["wave"] for c in CHANNELS}


def rows(path: Path, sheet: str) -> list[dict[str, object]]:
    ws = openpyxl.load_workbook(path, read_only=True, data_only=True)[sheet]
    table = list(ws.iter_rows(values_only=True))
    header = [str(h or "").replace("*", "").strip() for h in table[0]]
    return [dict(zip(header, r, strict=False)) for r in table[1:] if any(v not in (None, "") for v in r)]


def services(path: Path) -> Counter[str]:
    return Counter(CODE_OF[str(r["Kanava"])] for r in rows(path, "Palvelut"))


def main(folder: Path) -> None:
    total: Counter[str] = Counter()
    for path in sorted(folder.glob("*-tietopohja.xlsx")):
        line = path.name.split("-")[0]
        counts = services(path)
        total += counts
        waves = Counter(WAVE_OF[c] for c in counts.elements())
        print(line, dict(sorted(counts.items())), "waves", dict(sorted(waves.items())))
    print("county", sum(total.values()), dict(sorted(total.items())), "as of", dt.date.today())


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "input_workbooks")
