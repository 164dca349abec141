"""The label catalogue: every word a user sees, read from templates/labels/*.<lang>.toml.

Each file is one namespace named by its stem (`intake.fi.toml` → `intake.…`). Keys are dotted paths.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pipeline.exceptions import ConfigError
from pipeline.paths import TEMPLATES, label_files

_loaded: dict[tuple, Labels] = {}


class Labels:
    def __init__(self, tree: dict[str, Any], language: str = "fi") -> None:
        self._tree = tree
        self.language = language

    @classmethod
    def load(cls, language: str = "fi", templates: Path = TEMPLATES) -> Labels:
        """The catalogue of LANGUAGE; loaded once per process while its files stay as they are (the command line
        asks for it more than once, and reading the files is most of a quick build's time)."""
        files = label_files(language, templates)
        if not files:
            raise ConfigError(f"Kielen '{language}' tekstitiedostoja ei löydy.",
                              file=str(templates / "labels"), hint="Palauta templates/labels-kansio.")
        key = (language, *((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))
        if key not in _loaded:
            _loaded[key] = cls._read(files, language)
        return _loaded[key]

    @classmethod
    def _read(cls, files: list[Path], language: str) -> Labels:
        tree: dict[str, Any] = {}
        for path in files:
            try:
                with path.open("rb") as handle:
                    tree[path.name.split(".")[0]] = tomllib.load(handle)
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(f"Tekstitiedoston muoto on virheellinen: {exc}.", file=str(path),
                                  hint="Korjaa TOML-muoto.") from None
        return cls(tree, language)

    def node(self, key: str) -> Any:
        value: Any = self._tree
        for part in key.split("."):
            if not isinstance(value, dict) or part not in value:
                raise ConfigError(f"Teksti '{key}' puuttuu tekstiluettelosta.",
                                  file=f"templates/labels/*.{self.language}.toml",
                                  hint="Lisää puuttuva avain tekstiluetteloon.")
            value = value[part]
        return value

    def get(self, key: str, **values: Any) -> str:
        text = self.node(key)
        if not isinstance(text, str):
            raise ConfigError(f"Teksti '{key}' ei ole merkkijono.", file=f"templates/labels/*.{self.language}.toml")
        return text.format(**values) if values else text

    def enum(self, value: Any) -> str:
        """The display name of an enum member (`enums.<ClassName>.<value>`)."""
        return self.get(f"enums.{type(value).__name__}.{value.value}")
