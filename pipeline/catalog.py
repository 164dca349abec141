"""The label catalogue: every word a user sees, read from templates/labels/*.<lang>.toml.

Each file is one namespace named by its stem (`intake.fi.toml` → `intake.…`). Keys are dotted paths.

A text is a Python format string: `{name}` is replaced by the value of that name. A count that a noun follows is
written as an ICU MessageFormat plural, so the text reads right for 0, 1 and many:
`{errors, plural, one {# virhe} other {# virhettä}}`. The language's CLDR rule picks the branch (Finnish and
Swedish: `one` for exactly 1 without decimals, `other` for everything else; `=0 {…}` matches an exact number) and
`#` shows the number. The value may be a number or a number already formatted for display ("0,5").

A count in running text that the language's style writes in words ("kolme palvelua", "tre tjänster") is written
`{count, spellout}`, or `{count, spellout, FORM}` for an inflected form ("{count, spellout, adessive} mittarilla"):
a whole number the catalogue's `language.numbers.FORM` list has a word for is shown as that word, any other
number in digits (Finnish: words under ten; Swedish, after Svenska skrivregler: up to twelve). One text writes its
counts alike (all digits when one has no word). A word after a sentence's end is capitalised; a FORM written with a
capital (`{late, spellout, Basic}`) capitalises a text's first word.

Every language has the same files with the same keys (`intake.sv.toml` beside `intake.fi.toml`; a test holds
them to it). A run shows one language; `others()` gives the catalogues of the other languages, by which a
workbook filled in another language is still read.
"""
from __future__ import annotations

import re
import tomllib
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any

from babel import Locale
from babel.lists import format_list

from pipeline.exceptions import ConfigError
from pipeline.formatting import NBSP, fi_number
from pipeline.paths import DEFAULT_LANGUAGE, LANGUAGES, TEMPLATES, label_files

_loaded: dict[tuple, Labels] = {}
_PLURAL_START = re.compile(r"\{\s*(\w+)\s*,\s*plural\s*,")
_BRANCH = re.compile(r"\s*(=\d+|zero|one|two|few|many|other)\s*\{")
_SPELLOUT = re.compile(r"\{\s*(\w+)\s*,\s*spellout\s*(?:,\s*(\w+)\s*)?\}")


class Labels:
    def __init__(self, tree: dict[str, Any], language: str = DEFAULT_LANGUAGE, templates: Path = TEMPLATES,
                 files: dict[str, Path] | None = None) -> None:
        """TREE: the namespaces already read; FILES: namespace → the file read when the namespace is first used (a
        build with nothing to do reads six of the nineteen files)."""
        self._read_tree = tree
        self._unread = dict(files or {})
        self._order = [*tree, *self._unread]
        self.language = language
        self.templates = templates
        self._others: list[Labels] | None = None

    @cached_property
    def _plural_rule(self) -> Any:
        return Locale.parse(self.language).plural_form

    @property
    def _tree(self) -> dict[str, Any]:
        """Every namespace, all files read (ConfigError for a file that cannot be)."""
        return {name: self._namespace(name) for name in self._order}

    def read_all(self) -> Labels:
        """Every file read now: a broken one is reported before a build starts, not by the document that uses it."""
        for name in self._order:
            self._namespace(name)
        return self

    def _namespace(self, name: str) -> Any:
        if name in self._unread:
            self._read_tree[name] = _read_file(self._unread.pop(name))
        return self._read_tree.get(name)

    @classmethod
    def load(cls, language: str = DEFAULT_LANGUAGE, templates: Path = TEMPLATES) -> Labels:
        """The catalogue of LANGUAGE; loaded once per process while its files stay as they are (the command line
        asks for it more than once, and reading the files is most of a quick build's time)."""
        files = label_files(language, templates)
        if not files:
            raise ConfigError(f"Kielen ”{language}” tekstitiedostoja ei löydy.",
                              file=str(templates / "labels"), hint="Palauta templates/labels-kansio.")
        key = (language, *((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))
        if key not in _loaded:
            _loaded[key] = cls._read(files, language, templates)
        return _loaded[key]

    def others(self) -> list[Labels]:
        """The catalogues of the other languages (those whose files exist): what a workbook filled in another
        language than the run's is recognised by. Loaded once per catalogue."""
        if self._others is None:
            self._others = [Labels.load(language, self.templates) for language in LANGUAGES
                            if language != self.language and label_files(language, self.templates)]
        return self._others

    def everywhere(self) -> list[Labels]:
        """This catalogue, then those of the other languages."""
        return [self, *self.others()]

    @classmethod
    def _read(cls, files: list[Path], language: str, templates: Path) -> Labels:
        return cls({}, language, templates, {path.name.split(".")[0]: path for path in files})

    @property
    def _files(self) -> str:
        return f"templates/labels/*.{self.language}.toml"

    def node(self, key: str) -> Any:
        namespace = key.partition(".")[0]
        value: Any = {namespace: self._namespace(namespace)} if namespace in self._order else {}   # read when used
        for part in key.split("."):
            if not isinstance(value, dict) or part not in value:
                raise ConfigError(f"Teksti ”{key}” puuttuu tekstiluettelosta.", file=self._files,
                                  hint="Lisää puuttuva teksti tekstiluetteloon.")
            value = value[part]
        return value

    def get(self, key: str, **values: Any) -> str:
        text = self.node(key)
        if not isinstance(text, str):
            raise ConfigError(f"Teksti ”{key}” ei ole yksi teksti.", file=self._files,
                              hint="Kirjoita teksti lainausmerkkeihin yhdeksi merkkijonoksi.")
        return self.fill(text, **values) if values else text

    def fill(self, template: str, /, **values: Any) -> str:
        """TEMPLATE with its plurals chosen, its counts in words and its {placeholders} filled from VALUES."""
        text = self.plurals(template, values)
        counts = [(m, values[m.group(1)], m.group(2) or "basic") for m in _SPELLOUT.finditer(text)]
        # one text writes its counts alike: all in words, or all in digits when one has no word ("10 päätöstä,
        # joista 3 on myöhässä", not "…, joista kolme …")
        words = all(self.number_word(value, form.lower()) is not None for _, value, form in counts)
        for m, value, form in reversed(counts):
            shown = self.number_word(value, form.lower()) if words else None
            if shown is not None and (form[:1].isupper() or text[:m.start()].rstrip().endswith((".", "!", "?"))):
                shown = shown[:1].upper() + shown[1:]           # a sentence's first word ("Basic": the text's own)
            text = text[:m.start()] + (shown if shown is not None else shown_number(value)) + text[m.end():]
        return text.format(**values)

    def number_word(self, value: Any, form: str) -> str | None:
        """VALUE in words (`language.numbers.FORM`) when the catalogue has a word for it, else None."""
        words = (self._namespace("language") or {}).get("numbers", {}).get(form)
        if words is None:
            raise ConfigError(f"Lukusanojen muotoa ”{form}” ei ole tekstiluettelossa.", file=self._files,
                              hint="Lisää muoto kohtaan [numbers] tiedostoon language.<kieli>.toml.")
        whole = isinstance(value, int) and not isinstance(value, bool)
        return words[value] if whole and 0 <= value < len(words) else None

    def listing(self, items: list[str]) -> str:
        """ITEMS as running text in the catalogue's language: "a, b ja c" / "a, b och c" (CLDR list patterns)."""
        return format_list(list(items), locale=self.language) if items else ""

    def enum(self, value: Any) -> str:
        """The display name of an enum member (`enums.<ClassName>.<value>`)."""
        return self.get(f"enums.{type(value).__name__}.{value.value}")

    # -- plurals ---------------------------------------------------------------------------------------------------
    def plural_category(self, value: Any) -> str:
        """The CLDR plural category ('one', 'other', …) of VALUE as it is shown (1 → one; 1,0 and 0,5 → other)."""
        try:
            number = Decimal(shown_number(value).replace(NBSP, "").replace(" ", "").replace(",", "."))
        except InvalidOperation:
            return "other"
        return str(self._plural_rule(number))

    def plurals(self, text: str, values: dict[str, Any], /) -> str:
        """TEXT with every `{name, plural, …}` replaced by the branch the value of NAME selects."""
        while match := _PLURAL_START.search(text):
            name = match.group(1)
            branches, end = _branches(text, match.end())
            if name not in values or "other" not in branches:
                raise ConfigError(f"Monikkomuodossa ”{name}” ei ole arvoa tai muotoa other: ”{text}”.",
                                  file=self._files, hint="Kirjoita monikko muodossa "
                                  "{nimi, plural, one {# asia} other {# asiaa}} ja anna nimen arvo.")
            value = values[name]
            exact = f"={shown_number(value)}"
            branch = branches.get(exact) or branches.get(self.plural_category(value)) or branches["other"]
            text = text[:match.start()] + branch.replace("#", shown_number(value)) + text[end:]
        return text


def _read_file(path: Path) -> Any:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        line, column = _position(exc)
        where = f"rivillä {line}, sarakkeessa {column}"
        raise ConfigError(f"Tekstitiedoston muoto on virheellinen {where}.", file=str(path),
                          hint="Tarkista rivin lainausmerkit, hakasulkeet ja yhtäsuuruusmerkki.") from None


def _position(error: tomllib.TOMLDecodeError) -> tuple[str, str]:
    """Where a TOML file is broken: (line, column), from the error's fields or, before Python 3.14, its text."""
    found = re.search(r"line (\d+), column (\d+)", str(error))
    return (str(getattr(error, "lineno", None) or (found and found.group(1)) or "?"),
            str(getattr(error, "colno", None) or (found and found.group(2)) or "?"))


def shown_number(value: Any) -> str:
    """A count as the texts show it: Finnish digits for a number, a text as it is."""
    return fi_number(value) if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def _branches(text: str, start: int) -> tuple[dict[str, str], int]:
    """The branches of a plural whose selector ends at START: {category: text}, and where the plural ends."""
    branches: dict[str, str] = {}
    at = start
    while True:
        rest = text[at:]
        stripped = rest.lstrip()
        if stripped.startswith("}"):
            return branches, at + (len(rest) - len(stripped)) + 1
        match = _BRANCH.match(text, at)
        if match is None:
            return branches, len(text)
        depth, body_start = 1, match.end()
        at = body_start
        while at < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[at], 0)
            at += 1
        branches[match.group(1)] = text[body_start:at - 1]
