"""Read one mode's raw YAML mapping, failing with the file and dotted key."""

from __future__ import annotations

import re
from typing import Any

from newscrawl.errors import ProfileError
from newscrawl.modes.base import StartUrl
from newscrawl.modes.editions import template_placeholders


class Checker:
    """Read one mode's mapping, raising ProfileError with file and dotted key."""

    def __init__(self, raw: Any, mode: str, path, base_url: str | None, allowed: set[str],
                 short_form: bool = False):
        self.error, self.mode, self.path, self.base_url = ProfileError, mode, path, base_url
        # the short form "feed: [url, ...]" stands for "feed: {urls: [url, ...]}"
        self.listed = short_form and isinstance(raw, (list, str))
        raw = {"urls": raw} if self.listed else raw
        if not isinstance(raw, dict):
            raise self.fail(None, "must be a mapping")
        unknown = sorted(set(map(str, raw)) - allowed)
        if unknown:
            raise self.fail(unknown[0], f"unknown key (allowed: {', '.join(sorted(allowed))})")
        self.raw = raw

    def fail(self, key: str | None, reason: str) -> Exception:
        """Return the ProfileError for ``key`` of this mode (raise it)."""
        if self.listed and key and key.startswith("urls"):
            return self.error(self.path, self.mode + key[len("urls"):], reason)
        return self.error(self.path, f"{self.mode}.{key}" if key else self.mode, reason)

    def string(self, key: str, required: bool = False) -> str | None:
        value = self.raw.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "missing" if value is None else "must be a non-empty string")
        return value.strip()

    def url(self, key: str, value: Any = None, required: bool = True) -> str | None:
        value = self.string(key, required) if value is None else value
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "must be a URL")
        if not re.match(r"https?://[^/]", value) and not self.base_url:
            raise self.fail(key, f"{value!r} is relative but the profile has no base_url")
        return value.strip()

    def template(self, key: str, required: bool, names: tuple[str, ...]) -> str | None:
        value = self.url(key, required=required)
        for name in template_placeholders(value or ""):
            if name not in names:
                raise self.fail(key, f"unknown placeholder {{{name}}} (allowed: {', '.join(names)})")
        return value

    def regex(self, key: str, required: bool = False) -> re.Pattern | None:
        value = self.string(key, required)
        if value is None:
            return None
        try:
            return re.compile(value)
        except re.error as exc:
            raise self.fail(key, f"bad regular expression: {exc}") from exc

    def count(self, key: str, default: int | None, minimum: int = 1) -> int | None:
        value = self.raw.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(key, f"must be a whole number >= {minimum}")
        return value

    def flag(self, key: str) -> bool:
        value = self.raw.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(key, "must be true or false")
        return value

    def sources(self, key: str, value: Any = None) -> tuple[StartUrl, ...]:
        value = self.raw.get(key) if value is None else value
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise self.fail(key, "missing: give a list of URLs")
        return tuple(self._source(f"{key}[{i}]", item) for i, item in enumerate(value))

    def _source(self, key: str, item: Any) -> StartUrl:
        if isinstance(item, dict):
            extra = sorted(set(map(str, item)) - {"url", "section"})
            if extra or not isinstance(item.get("url"), str):
                raise self.fail(f"{key}.{extra[0]}" if extra else f"{key}.url",
                                "unknown key (allowed: section, url)" if extra else "missing")
            section = item.get("section")
            if section is not None and not (isinstance(section, str) and section.strip()):
                raise self.fail(f"{key}.section", "must be a non-empty string")
            return StartUrl(self.url(f"{key}.url", item["url"]), section)
        return StartUrl(self.url(key, item))

    def names(self, key: str, allowed: tuple[str, ...], required: tuple[str, ...]) -> dict[str, str]:
        value = self.raw.get(key)
        if not isinstance(value, dict):
            raise self.fail(key, "missing: map " + ", ".join(required) + " to record keys")
        out = {}
        for name, field in value.items():
            if name not in allowed:
                raise self.fail(f"{key}.{name}", f"unknown field (allowed: {', '.join(allowed)})")
            if not isinstance(field, str) or not field.strip():
                raise self.fail(f"{key}.{name}", "must be a record key (dotted path allowed)")
            out[name] = field.strip()
        for name in required:
            if name not in out:
                raise self.fail(f"{key}.{name}", "missing")
        return out
