"""Print the README's settings table from the registry, or write it into README.md (--write).

    python3 docs/settings_table.py --write

The table sits between the two marker lines below in README.md;
tests/test_settings.py fails when it differs from what this prints.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newscrawl.settings_registry import KIND_WORDS, NEWSCRAWL_SETTINGS, SCRAPY_SETTINGS, Setting  # noqa: E402

README = Path(__file__).resolve().parents[1] / "README.md"
BEGIN = "<!-- settings table: made by docs/settings_table.py from newscrawl/settings_registry.py -->"
END = "<!-- end of settings table -->"


def values(setting: Setting) -> str:
    """Return the values a setting takes, in words."""
    if setting.kind == "choice":
        return ", ".join(f"`{c}`" if c else "`''`" for c in setting.choices)
    if setting.kind == "url":
        return " or ".join(f"`{s}://…`" for s in setting.choices)
    return f"{KIND_WORDS[setting.kind]}{setting.range_words()}"


def default(setting: Setting) -> str:
    """Return a setting's default as the table shows it."""
    value = setting.default
    if isinstance(value, list):
        return "`" + ",".join(value) + "`" if value else "(none)"
    if value in ("", None):
        return "(empty)"
    return f"`{value}`"


def settings_table() -> str:
    """Return the Markdown block between the markers: the NEWSCRAWL_* table, then the checked Scrapy names."""
    rows = ["| setting | takes | default | what it does |", "|---|---|---|---|"]
    for s in NEWSCRAWL_SETTINGS:
        doc = s.doc + (f" ({s.note})" if s.note else "")
        rows.append(f"| `{s.name}` | {values(s)} | {default(s)} | {doc} |")
    scrapy = ", ".join(f"`{s.name}`" for s in SCRAPY_SETTINGS)
    rows += ["", f"These Scrapy settings are checked the same way (kind and range): {scrapy}; "
                 "others are checked against the type of their default."]
    return "\n".join([BEGIN, *rows, END])


def readme_with_table(text: str) -> str:
    """Return README text with its settings table replaced by the registry's."""
    head, found, rest = text.partition(BEGIN)
    if not found:
        raise SystemExit(f"README.md has no line {BEGIN!r}")
    _, found, tail = rest.partition(END)
    if not found:
        raise SystemExit(f"README.md has no line {END!r}")
    return head + settings_table() + tail


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        README.write_text(readme_with_table(README.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(settings_table())
