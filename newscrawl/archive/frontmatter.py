"""Write YAML front matter whose every value survives a YAML parser unchanged.

A value stays plain only when it is provably safe (starts with a letter or CJK
ideograph, holds only ``[A-Za-z0-9_-]`` and CJK, is no YAML 1.1 keyword, and
PyYAML reads it back as the same string); otherwise PyYAML writes it
double-quoted on one line, with bidi controls escaped so a title cannot
reorder what an editor shows.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime

import yaml

_PLAIN = re.compile(r"[A-Za-z\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff-]*")
# Words YAML 1.1 parsers (Psych in Jekyll, go-yaml in Hugo) may read as
# booleans or null in any letter case.
_KEYWORDS = frozenset(
    {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "nan", "inf"}
)
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FrontValue = str | Sequence[str]


def _is_plain_safe(value: str) -> bool:
    """Return True when value can be written as a plain YAML scalar."""
    if not _PLAIN.fullmatch(value) or value.lower() in _KEYWORDS:
        return False
    return yaml.load(value, Loader=_LOADER) == value


@functools.lru_cache(maxsize=1024)  # a run writes the same tags, categories and names again and again
def yaml_str(value: str, *, quote: bool = False) -> str:
    """Return value as a one-line YAML scalar: plain if provably safe, else quoted.

    ``quote=True`` always double-quotes (the seed quotes every title).
    """
    if not quote and _is_plain_safe(value):
        return value
    quoted = yaml.dump(
        value, default_style='"', allow_unicode=True, width=sys.maxsize
    ).rstrip("\n")
    if quoted.endswith("\n..."):
        quoted = quoted[: -len("\n...")]
    if "\n" in quoted or not (quoted.startswith('"') and quoted.endswith('"')):
        raise ValueError(f"cannot write {value!r} as one quoted YAML line")
    return _BIDI.sub(lambda m: f"\\u{ord(m.group()):04X}", quoted)


def yaml_list(values: Iterable[str]) -> str:
    """Return strings as a one-line YAML flow sequence."""
    return "[" + ", ".join(yaml_str(v) for v in values) + "]"


def yaml_value(value: FrontValue) -> str:
    """Return a string as a scalar and a list of strings as a flow sequence."""
    if isinstance(value, str):
        return yaml_str(value)
    return yaml_list(str(v) for v in value)


def jekyll_date(published: datetime | date) -> str:
    """Return the date as Jekyll writes it: ``2022-03-17 09:04:04 +0800``.

    A bare date stays ``2022-03-17``; raises ValueError for a naive datetime.
    """
    if not isinstance(published, datetime):
        return published.isoformat()
    _require_aware(published)
    return published.strftime("%Y-%m-%d %H:%M:%S %z")


def hugo_date(published: datetime | date) -> str:
    """Return the date as ISO 8601 with offset: ``2022-03-17T09:04:04+08:00``.

    A bare date stays ``2022-03-17``; raises ValueError for a naive datetime.
    """
    if not isinstance(published, datetime):
        return published.isoformat()
    _require_aware(published)
    return published.replace(microsecond=0).isoformat()


def _require_aware(published: datetime) -> None:
    """Raise ValueError unless the datetime carries a UTC offset."""
    if published.utcoffset() is None:
        raise ValueError(f"published {published!r} has no time zone")


def present(value: object) -> FrontValue | None:
    """Return value as a string or list of strings, blanks dropped; None when empty."""
    if value is None:
        return None
    if not isinstance(value, (list, tuple)):
        value = str(value)
        return value if value.strip() else None
    kept = [str(v) for v in value if v is not None and str(v).strip()]
    return kept or None


def front_matter(entries: Iterable[tuple[str, str]]) -> str:
    """Return a ``---`` fenced block from (key, already-formatted YAML) pairs."""
    lines = [f"{key}: {text}" for key, text in entries]
    return "---\n" + "\n".join(lines) + "\n---\n"
