"""The one error hierarchy of digiplan. Only the CLI turns these into click errors."""
from __future__ import annotations


class DigiplanError(Exception):
    """A problem a user can act on, with where it happened (file › sheet › cell) and how to fix it."""

    def __init__(self, message: str, *, file: str | None = None, sheet: str | None = None,
                 cell: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.sheet = sheet
        self.cell = cell
        self.hint = hint

    @property
    def location(self) -> str:
        return " › ".join(part for part in (self.file, self.sheet, self.cell) if part)

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        return f"{text} {self.hint}" if self.hint else text


class ConfigError(DigiplanError):
    """A data file or template in templates/ is missing or broken."""


class IntakeError(DigiplanError):
    """A workbook cannot be read at all (not an xlsx, encrypted, too large…).

    `code` names the message in templates/labels/messages.fi.toml; `values` fill it."""

    def __init__(self, code: str, *, file: str, **values: str) -> None:
        super().__init__(code, file=file)
        self.code = code
        self.values = values


class BuildError(DigiplanError):
    """A deliverable could not be written."""


class UsageProblem(DigiplanError):
    """The command was called wrongly (an unknown line code, a bad date): exit status 2."""
