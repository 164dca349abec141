"""Every path digiplan reads from or writes to is derived here, in one place."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT_ROOT / "templates"
DEFAULT_INPUT = PROJECT_ROOT / "input_workbooks"    # the install's sample workbooks (tests, benchmark)
DEFAULT_OUTPUT = PROJECT_ROOT / "output"
DEFAULT_NEW = PROJECT_ROOT / "new_workbooks"
# The commands' defaults: relative to the folder the command is run in, as every command-line tool's are.
INPUT_FOLDER = Path("input_workbooks")
OUTPUT_FOLDER = Path("output")
NEW_FOLDER = Path("new_workbooks")       # blank workbooks: neither read by the build nor emptied by clean
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".ods")
SYSTEM_FILES = ("thumbs.db", "desktop.ini")      # written by the operating system, never by a user
LANGUAGES = ("fi", "sv")        # the languages of the catalogues and data names; the first is the default
DEFAULT_LANGUAGE = LANGUAGES[0]


def data_file(name: str, templates: Path = TEMPLATES) -> Path:
    return templates / "data" / name


def label_files(language: str = DEFAULT_LANGUAGE, templates: Path = TEMPLATES) -> list[Path]:
    return sorted((templates / "labels").glob(f"*.{language}.toml"))


def is_lock_file(path: Path) -> bool:
    """Office (~$x.xlsx) and LibreOffice (.~lock.x.xlsx#) lock files are never workbooks."""
    return path.name.startswith("~$") or path.name.startswith(".~lock.")


def is_hidden_file(path: Path) -> bool:
    """Lock files, hidden files and the operating system's own files: skipped without a word."""
    return is_lock_file(path) or path.name.startswith(".") or path.name.lower() in SYSTEM_FILES


@dataclass(frozen=True)
class Skipped:
    """A file in an input folder that is not read; `reason` names its message (messages.skipped.*)."""
    path: Path
    reason: str


    other: str = ""             # the file it repeats (reason "duplicate")


# How each workbook is named to the user: its path under the folder it was found in ("IKA/NAO.xlsx"). Filled by
# intake_files before any workbook is read (worker processes are forked after it and share it).
_SHOWN: dict[Path, str] = {}


def shown_name(path: Path) -> str:
    """PATH as the user knows it: relative to the input folder it was found in, else its file name."""
    return _SHOWN.get(path.absolute(), path.name)


def _walk(folder: Path) -> list[Path]:
    """Every file under FOLDER, subfolders included (hidden folders are not entered), sorted by relative path."""
    files: list[Path] = []
    for item in sorted(folder.iterdir()):
        if item.name.startswith("."):
            continue
        if item.is_dir():
            files.extend(_walk(item))
        elif item.is_file():
            files.append(item)
    return files


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def intake_files(paths: list[Path]) -> tuple[list[Path], list[Skipped]]:
    """The workbooks named by PATHs (files as given, folders expanded to their workbooks, subfolders too, sorted),
    and every other file of those folders with the reason it is not read. A byte-identical copy of a workbook is
    the same file: the one nearest the top with the shortest name is read, the copies are reported."""
    candidates: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths:
        if not path.is_dir():
            _SHOWN[path.absolute()] = path.name
            candidates.append(path)
            continue
        for item in _walk(path):
            if is_hidden_file(item):
                continue
            _SHOWN[item.absolute()] = item.relative_to(path).as_posix()
            suffix = item.suffix.lower()
            if suffix in WORKBOOK_SUFFIXES:
                candidates.append(item)
            else:
                skipped.append(Skipped(item, "xls" if suffix == ".xls" else "other"))
    digests = {item: _digest(item) for item in candidates}
    kept: dict[str, Path] = {}
    for item in sorted(candidates, key=lambda p: (shown_name(p).count("/"), len(shown_name(p)), shown_name(p))):
        digest = digests[item]
        if digest is not None and digest not in kept:
            kept[digest] = item
    found = [item for item in candidates if digests[item] is None or kept[digests[item] or ""] == item]
    skipped += [Skipped(item, "duplicate", shown_name(kept[digests[item] or ""])) for item in candidates
                if item not in found]
    return found, skipped


class OutputLayout:
    """Where each file digiplan writes goes, under one folder; the names come from templates/labels/output.*.toml."""

    def __init__(self, root: Path, names: dict[str, str]) -> None:
        self.root = root
        self._names = names

    @classmethod
    def of(cls, root: Path, labels) -> OutputLayout:
        return cls(root, labels.node("output"))

    def _name(self, key: str, **values: str) -> str:
        return self._names[key].format(**values)

    def line_dir(self, code: str) -> Path:
        return self.root / code

    def word_plan(self, code: str) -> Path:
        return self.line_dir(code) / self._name("word_plan", code=code)

    def deck(self, code: str) -> Path:
        return self.line_dir(code) / self._name("deck", code=code)

    def county_workbook(self) -> Path:
        return self.root / self._name("county_workbook")

    def area_plan(self, code: str) -> Path:
        return self.root / self._name("areas_folder") / self._name("area_plan", code=code)

    def area_deck(self, code: str) -> Path:
        return self.root / self._name("areas_folder") / self._name("area_deck", code=code)

    def county_plan(self) -> Path:
        return self.root / self._name("county_folder") / self._name("county_plan")

    def county_deck(self) -> Path:
        return self.root / self._name("county_folder") / self._name("county_deck")

    def kit_dir(self, code: str) -> Path:
        return self.line_dir(code) / self._name("kit_folder")

    def kit_welcome(self, code: str) -> Path:
        return self.kit_dir(code) / self._name("kit_welcome", code=code)

    def kit_invitation(self, code: str, number: int) -> Path:
        return self.kit_dir(code) / self._name("kit_invitation", code=code, number=str(number))

    def kit_calendar(self, code: str, number: int) -> Path:
        return self.kit_dir(code) / self._name("kit_calendar", code=code, number=str(number))

    def kit_agenda(self, code: str, number: int) -> Path:
        return self.kit_dir(code) / self._name("kit_agenda", code=code, number=str(number))

    def manifest(self) -> Path:
        """The build's record of what it made from what (pipeline/build/incremental.py)."""
        return self.root / self._name("build_manifest")

    @staticmethod
    def pdf(document: Path) -> Path:
        """The PDF copy of a document, beside it."""
        return document.with_suffix(".pdf")

    def area_package(self, code: str) -> Path:
        return self.root / self._name("packages_folder") / self._name("area_package", code=code)

    def county_package(self) -> Path:
        return self.root / self._name("packages_folder") / self._name("county_package")

    def package_folders(self) -> dict[str, str]:
        """The folders inside a package, in order: the county's, the areas', the lines' (each line's own below)."""
        return {"county": self._name("county_folder"), "areas": self._name("areas_folder"),
                "lines": self._name("package_lines_folder")}

    def package_readme(self) -> str:
        """The stem of the one-page readme at the top of every package (.docx, and .pdf with --pdf)."""
        return self._name("package_readme")

    def package_sources(self) -> str:
        """The name of the list of sources (each file with the workbooks it is made from) in every package."""
        return self._name("package_sources")

    def relative(self, path: Path) -> str:
        """PATH under the output folder as a name with forward slashes (the manifest's keys, names in packages)."""
        return path.relative_to(self.root).as_posix()

    def validation_report(self, fmt: str = "txt") -> Path:
        return self.root / self._name("validation_report", ext=fmt)

    def blank_workbook(self, code: str) -> Path:
        return self.root / self._name("blank_workbook", code=code)

    def sample_workbook(self, code: str) -> Path:
        return self.root / self._name("sample_workbook", code=code)

    def annotated(self, source: Path) -> Path:
        return self.root / self._name("annotated", stem=source.stem)

    def annotated_dir(self) -> Path:
        """The default folder of annotated copies: under the output, never where workbooks are read from."""
        return self.root / self._name("annotated_dir")

    def upgraded(self, source: Path) -> Path:
        return self.root / self._name("upgraded", stem=source.stem)
