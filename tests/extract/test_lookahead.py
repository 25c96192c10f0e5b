"""The speed-only lookahead on label patterns is worked out from the labels, never written by hand."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from newscrawl.extract import people, source
from newscrawl.extract.lookahead import guarded, start_chars

EXTRACT = Path(people.__file__).resolve().parent


def test_start_chars_covers_every_alternative_and_gives_up_when_unbounded():
    assert start_chars(r"(?<!图片)(?:来源|稿源|Source)\s*[:：]") == "[S来稿]"
    assert start_chars(r"(?:^|[\s（(])文\s+|作者[:：]") == r"[\(\s作文（]"
    assert start_chars(r"x?y*") is None  # may match nothing: no lookahead
    assert start_chars(r".x") is None and start_chars(r"[^a]x") is None  # any character may start it


def test_a_label_added_to_a_pattern_is_found_without_touching_anything_else():
    labels = ["来源", "稿源"]
    text = "发布时间：2024-05-21 出处：新华社"
    assert guarded("(?:" + "|".join(labels) + ")：").search(text) is None
    labels.append("出处")
    assert guarded("(?:" + "|".join(labels) + ")：").search(text).group() == "出处："


def _same_matches(pattern: re.Pattern, samples: list[str]) -> None:
    plain = re.compile(pattern.pattern.split(")", 1)[1], pattern.flags)  # without "(?=[...])"
    for sample in samples:
        assert [m.span() for m in pattern.finditer(sample)] == [m.span() for m in plain.finditer(sample)], sample
        assert pattern.search(sample) is not None, sample


def test_the_guarded_label_patterns_find_what_they_would_find_without_the_lookahead():
    _same_matches(source._LABEL, [f"发布时间 {label}：新华社" for label in source._LABELS]
                  + [f"Posted {label}: Reuters" for label in source._LATIN_LABELS])
    bylines = ["文/图 王明", "图文：王明", "作者：王明", "撰稿：李华", "采写：某报记者 王明", "执笔：王明",
               "楼主：某某", "博主：某某", "发帖人：某某", "作者 王明", " 文 王明", "（文 王明）", "记者 王明",
               "特约撰稿人 王明", "（本报记者 王明）", "【记者 王明", "新华社记者 王明", "驻京记者 王明",
               "首席记者 王明", "通讯员 王明", "記者 王大同", "（本報記者 王大同）", "通訊員 王明", "本报全媒记者王明",
               "中央社記者陳家豪", "圖/文 王明", "執筆：王明"]
    _same_matches(people._AUTHOR_LABEL, bylines)


def _leading_text(node: ast.AST) -> str:
    """Return the literal text a pattern expression starts with ("" when it starts with a name)."""
    while isinstance(node, ast.BinOp):
        node = node.left
    if isinstance(node, ast.JoinedStr) and node.values:
        node = node.values[0]
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""


def test_no_pattern_in_the_extractor_starts_with_a_hand_written_lookahead():
    written = []
    for path in sorted(EXTRACT.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "compile" and node.args
                    and _leading_text(node.args[0]).startswith("(?=[")):
                written.append(f"{path.name}:{node.lineno}")
    assert written == [], f"use lookahead.guarded() instead: {written}"
