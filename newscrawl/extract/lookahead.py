"""Compile a label pattern with a lookahead on the characters its matches can start with.

A pattern of many labels (来源, 文章来源, 记者, Source ...) is tried at every
position of a zone; most positions hold none of the labels' first characters,
and a ``(?=[...])`` in front lets them fail at once (three to five times faster
where lookbehinds follow). Written by hand, that class must list the first
character of every label: a label added without it is silently never found.
:func:`guarded` works the class out from the pattern itself, so it cannot fall
behind; a pattern whose first character cannot be bounded (it may start with
any character, or match nothing) is compiled as it is.

A pattern tried on many zones that mostly hold none of its labels at all can
also skip those zones whole: :func:`held_chars` works out, from the pattern
too, characters of which every match holds one (each Chinese byline label holds
one of 文, 图, 记, 通 ...), and :class:`Prefiltered` runs the pattern only on
a text holding one of them.
"""

from __future__ import annotations

import re
from re import _constants as sre  # noqa: PLC2701 - the parser's own opcodes, stable across 3.11-3.13
from re import _parser

_CATEGORIES = {
    sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
}
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


def _char(code: int) -> str:
    """Return one character written for a character class."""
    return re.escape(chr(code))


def _class_parts(items) -> set[str] | None:
    """Return the parts of a character class (``[...]``); None for a negated one."""
    parts = set()
    for op, av in items:
        if op is sre.LITERAL:
            parts.add(_char(av))
        elif op is sre.RANGE:
            parts.add(f"{_char(av[0])}-{_char(av[1])}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            parts.add(_CATEGORIES[av])
        else:
            return None
    return parts


def _sequence(items) -> tuple[set[str], bool] | None:
    """Return (what a match of ``items`` can start with, whether it can be empty); None when unbounded."""
    found: set[str] = set()
    for op, av in items:
        item = _item(op, av)
        if item is None:
            return None
        parts, empty = item
        found |= parts
        if not empty:
            return found, False
    return found, True


def _item(op, av) -> tuple[set[str], bool] | None:
    """Return (first characters, may be empty) of one parsed item; None when unbounded."""
    if op is sre.LITERAL:
        return {_char(av)}, False
    if op is sre.IN:
        parts = _class_parts(av)
        return None if parts is None else (parts, False)
    if op is sre.SUBPATTERN:
        return _sequence(av[-1])
    if op is sre.BRANCH:
        branches = [_sequence(branch) for branch in av[1]]
        if any(b is None for b in branches):
            return None
        return set().union(*(b[0] for b in branches)), any(b[1] for b in branches)
    if op in _REPEATS:
        inner = _sequence(av[2])
        return None if inner is None else (inner[0], inner[1] or av[0] == 0)
    if op in _ZERO_WIDTH:
        return set(), True
    return None


def start_chars(pattern: str, flags: int = 0) -> str | None:
    """Return a character class of every character a match of ``pattern`` can start with; None when
    any character can, or the pattern can match the empty string."""
    found = _sequence(_parser.parse(pattern, flags))
    if found is None or found[1] or not found[0]:
        return None
    return "[" + "".join(sorted(found[0])) + "]"


def guarded(pattern: str, flags: int = 0) -> re.Pattern:
    """Return ``pattern`` compiled behind a lookahead on its first characters (see the module docstring).

    The lookahead changes no match, only how fast positions without one fail.
    """
    first = start_chars(pattern, flags)
    return re.compile(pattern if first is None else f"(?={first})(?:{pattern})", flags)


def _held_sequence(items, flags: int) -> frozenset[str] | None:
    """Return characters of which every match of ``items`` holds one; None when no such set is known.

    Of several mandatory items, the set with the fewest ASCII characters (then the smallest) is kept:
    a test for "记" skips more text than a test for ":".
    """
    sets = [found for found in (_held_item(op, av, flags) for op, av in items) if found]
    return min(sets, key=lambda chars: (sum(c.isascii() for c in chars), len(chars)), default=None)


def _held_item(op, av, flags: int) -> frozenset[str] | None:
    """Return the characters of which every match of one parsed item holds one; None when unknown."""
    if op is sre.LITERAL:
        char = chr(av)
        return None if flags & re.IGNORECASE and char.lower() != char.upper() else frozenset(char)
    if op is sre.IN and not flags & re.IGNORECASE and all(kind is sre.LITERAL for kind, _ in av):
        return frozenset(chr(code) for _, code in av)
    if op is sre.SUBPATTERN:
        return _held_sequence(av[-1], flags | (av[1] or 0))
    if op is sre.BRANCH:
        branches = [_held_sequence(branch, flags) for branch in av[1]]
        return None if any(b is None for b in branches) else frozenset().union(*branches)
    if op in _REPEATS and av[0] >= 1:
        return _held_sequence(av[2], flags)
    return None


def held_chars(pattern: str, flags: int = 0) -> str | None:
    """Return a character class of characters of which every match of ``pattern`` holds one; None when
    the pattern's parts give no such set (a match may be all spaces, or any letter in any case)."""
    found = _held_sequence(_parser.parse(pattern, flags), flags)
    return None if not found else "[" + "".join(_char(ord(c)) for c in sorted(found)) + "]"


class Prefiltered:
    """A label pattern (compiled with :func:`guarded`) that skips a text holding none of the characters
    every match holds (:func:`held_chars`): one fast scan instead of the pattern's tries at each position."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = guarded(pattern, flags)
        held = held_chars(pattern, flags)
        self.held = re.compile(held) if held else None

    def finditer(self, text: str):
        """Return the pattern's matches in ``text``, as ``re.Pattern.finditer`` would."""
        if self.held is not None and self.held.search(text) is None:
            return iter(())
        return self.pattern.finditer(text)
