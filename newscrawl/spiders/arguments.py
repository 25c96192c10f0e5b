"""Validate spider arguments when the spider starts; a bad one names itself."""

from __future__ import annotations

from datetime import date


class ArgumentError(ValueError):
    """A spider or CLI argument is malformed; the message names it."""


def parse_day(name: str, value: str | date | None) -> date | None:
    """Return ``value`` as a date (``YYYY-MM-DD``); None stays None."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ArgumentError(f"{name}: {value!r} is not a date like 2022-03-17") from exc


def parse_limit(value: str | int | None) -> int:
    """Return ``value`` as a non-negative article limit (0 means none)."""
    if value in (None, ""):
        return 0
    try:
        limit = int(value)
    except (TypeError, ValueError) as exc:
        raise ArgumentError(f"limit: {value!r} is not a whole number") from exc
    if limit < 0:
        raise ArgumentError(f"limit: {limit} must not be negative")
    return limit


def split_list(value: str | list[str] | None) -> list[str]:
    """Return a comma-separated argument as a list of non-empty strings."""
    if value is None:
        return []
    if isinstance(value, list):
        return [v for v in value if v]
    return [v.strip() for v in value.split(",") if v.strip()]
