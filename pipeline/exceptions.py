"""The one error hierarchy of digiplan. Only the CLI turns these into click errors.

An error is worded either where it is raised (`message`, when the raiser holds the label catalogue) or later, by
whoever shows it, from a catalogue entry named by `code` with `values` (`describe(labels)`): deep modules (the
reference data, the deck's fonts) raise codes and never hold a sentence of their own."""
from __future__ import annotations

from typing import Any, Protocol


class Catalogue(Protocol):
    """What wording an error needs of the label catalogue (pipeline/catalog.py `Labels`, which raises these errors
    and so is not imported here)."""

    def node(self, key: str) -> Any: ...

    def fill(self, template: str, /, **values: Any) -> str: ...


class DigiplanError(Exception):
    """A problem a user can act on, with where it happened (file › sheet › cell) and how to fix it."""

    namespace = "errors"

    def __init__(self, message: str = "", *, code: str = "", file: str | None = None, sheet: str | None = None,
                 cell: str | None = None, hint: str | None = None, **values: Any) -> None:
        super().__init__(message or code)
        self.message = message
        self.code = code
        self.values = values
        self.file = file
        self.sheet = sheet
        self.cell = cell
        self.hint = hint
        self.more: list[DigiplanError] = []     # further problems found in the same pass, shown together

    @property
    def location(self) -> str:
        return " › ".join(part for part in (self.file, self.sheet, self.cell) if part)

    def _one(self, labels: Catalogue | None) -> str:
        message, hint = self.message, self.hint
        if self.code and labels is not None:
            entry = labels.node(f"{self.namespace}.{self.code}")
            message, hint = labels.fill(entry["message"], **self.values), labels.fill(entry["hint"], **self.values)
        text = f"{self.location}: {message or self.code}" if self.location else (message or self.code)
        return f"{text} {hint}" if hint else text

    def describe(self, labels: Catalogue | None = None) -> str:
        """Every problem of this error in the user's words (the catalogue's when LABELS is given)."""
        return "\n".join(error._one(labels) for error in [self, *self.more])

    def __str__(self) -> str:
        return self.describe()

    @classmethod
    def collected(cls, errors: list[DigiplanError]) -> DigiplanError:
        """One error carrying all of ERRORS (the first, with the others in `more`)."""
        first = errors[0]
        first.more = errors[1:]
        return first


class ConfigError(DigiplanError):
    """A data file or template in templates/ is missing or broken (worded from `config.*` in the catalogue)."""

    namespace = "config"


class IntakeError(DigiplanError):
    """A workbook cannot be read at all (not an xlsx, encrypted, too large…): `code` names the message in
    templates/labels/messages.fi.toml; `values` fill it. Reported as a problem of the workbook, never raised out."""

    namespace = "messages"

    def __init__(self, code: str, *, file: str, **values: str) -> None:
        super().__init__(code=code, file=file, **values)


class UsageProblem(DigiplanError):
    """The command was called wrongly (an unknown line code, a bad date): exit status 2."""
