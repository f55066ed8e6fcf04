"""The plugin's settings in mkdocs.yml, typed and checked once per build (Material's plugins are the
model)::

    plugins:
      - search
      - evidence:
          bibliography: references.bib    # the default; relative to mkdocs.yml
          citation_style: apa             # the default; any registered style (citations/styles/)
          references_page: references.md  # the default; the page that lists the whole bibliography

MkDocs checks the types and values; a wrong value or an unknown name fails the build with a
message naming it. The older ``extra.citations`` section (``style``, ``bibliography``) is still
read for a setting the plugin's own section does not give, with an info line naming the new keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.utils.yaml import get_yaml_loader

from .citations import DEFAULT_BIB, REFERENCES_PAGE
from .citations.styles import DEFAULT_STYLE, is_style, style_names
from .errors import ConfigError

__all__ = ["LEGACY_SECTION", "PLUGIN_NAME", "EvidenceConfig", "Settings", "read_settings", "resolve"]

PLUGIN_NAME = "evidence"  # the mkdocs.plugins entry point
LEGACY_SECTION = "citations"  # extra.citations, read before the plugin had settings of its own


class StyleName(c.OptionallyRequired[str]):
    """A registered citation style's name, looked up when the setting is checked (so a style another
    package registers is found, and nothing is imported before)."""

    def run_validation(self, value: object) -> str:
        try:
            if not is_style(value):
                raise ValidationError(f"Expected one of: {style_names()} but received: {value!r}")
        except ConfigError as error:
            raise ValidationError(str(error)) from None
        return str(value)


class EvidenceConfig(base.Config):
    bibliography = c.Type(str, default=DEFAULT_BIB)
    citation_style = StyleName(default=DEFAULT_STYLE)
    references_page = c.Type(str, default=REFERENCES_PAGE)


class LegacyCitations(base.Config):
    """``extra.citations``: the settings before the plugin (``style`` is now ``citation_style``)."""

    style = StyleName(default=DEFAULT_STYLE)
    bibliography = c.Type(str, default=DEFAULT_BIB)


LEGACY_KEYS = {"style": "citation_style", "bibliography": "bibliography"}  # extra.citations -> the plugin's


@dataclass(frozen=True)
class Settings:
    """The settings a build uses, wherever they were written."""

    bibliography: str
    citation_style: str
    references_page: str
    legacy: tuple[str, ...] = ()  # the plugin's settings taken from extra.citations
    bibliography_given: bool = True  # False: the default, which a site without citations may lack


def resolve(config: EvidenceConfig, given: set[str], extra: Mapping[str, Any] | None) -> Settings:
    """The settings of ``config`` (whose user-given keys are ``given``), each one it does not give taken
    from ``extra.citations`` if that names it. ConfigError naming a wrong value in ``extra.citations``."""
    values = {"bibliography": config.bibliography, "citation_style": config.citation_style}
    raw = (extra or {}).get(LEGACY_SECTION)
    legacy: list[str] = []
    if raw is not None:
        if not isinstance(raw, dict):
            raise ConfigError(f"mkdocs.yml: extra.{LEGACY_SECTION} must be a mapping, like "
                              f"'{LEGACY_SECTION}: {{style: apa}}' (better: the plugin's own settings)")
        old = LegacyCitations()
        old.load_dict(raw)
        errors, warnings = old.validate()
        problems = [f"extra.{LEGACY_SECTION}.{name}: {error}" for name, error in [*errors, *warnings]]
        if problems:
            raise ConfigError("mkdocs.yml: " + "; ".join(problems))
        for old_key, new_key in LEGACY_KEYS.items():
            if old_key in raw and new_key not in given:
                values[new_key] = old[old_key]
                legacy.append(new_key)
    return Settings(values["bibliography"], values["citation_style"],
                    config.references_page.replace("\\", "/").lstrip("/"), tuple(legacy),
                    bibliography_given="bibliography" in given or "bibliography" in legacy)


def _plugin_options(plugins: object) -> dict[str, Any] | None:
    """The options mkdocs.yml gives the plugin (``{}`` when it is listed bare), or None if not listed."""
    entries = plugins.items() if isinstance(plugins, dict) else \
        [(entry, {}) if isinstance(entry, str) else next(iter(entry.items())) for entry in plugins or []
         if isinstance(entry, str | dict) and entry]
    for name, options in entries:
        if name == PLUGIN_NAME:
            return dict(options or {})
    return None


def read_settings(mkdocs_yml: Path) -> Settings:
    """The settings a build of ``mkdocs_yml`` uses, read as the build reads them: for code outside
    a build (a guide's scripts). ConfigError naming what is wrong."""
    data: dict[str, Any] = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=get_yaml_loader()) or {}
    options = _plugin_options(data.get("plugins"))
    config = EvidenceConfig(config_file_path=str(mkdocs_yml))
    config.load_dict(options or {})
    errors, _ = config.validate()
    if errors:
        raise ConfigError(f"{mkdocs_yml}: " + "; ".join(f"plugins.{PLUGIN_NAME}.{name}: {error}"
                                                         for name, error in errors))
    return resolve(config, set(options or {}), data.get("extra"))
