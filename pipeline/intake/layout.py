"""Where a sheet's data stood in a workbook (its name, each field's column or row): kept with the reading's result so
that problems and annotated copies can name the cell."""
from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter


def cell_ref(row: int, column: int) -> str:
    """(12, 2) → 'B12'."""
    return f"{get_column_letter(column)}{row}"


@dataclass
class SheetLayout:
    """Where a sheet's data stood: its name in the workbook and each field's column (1-based)."""
    name: str
    columns: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)       # form sheets: field → row
    header_row: int = 1
    reported_columns: set[int] = field(default_factory=set)  # columns not read, already reported with their cells
    covered: set[tuple[int, int]] = field(default_factory=set)   # merged-away cells, reported with their merge

    def cell(self, field_name: str, row: int | None = None) -> str:
        if field_name in self.rows:
            return f"B{self.rows[field_name]}"
        column = self.columns.get(field_name)
        return cell_ref(row, column) if column and row else ""
