"""The speed-only lookahead on label patterns is worked out from the labels, never written by hand."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from newscrawl.extract import people, source
from newscrawl.extract.lookahead import Prefiltered, guarded, held_chars, start_chars

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
    _same_matches(people._AUTHOR_LABEL.pattern, bylines)


def test_held_chars_names_a_character_of_every_alternative_and_gives_up_when_unbounded():
    assert held_chars(r"(?:责任编辑|编辑)[:：]") == "[编责]"
    assert held_chars(r"(?<!图片)(?:来源|稿源)\s*[:：]") == "[来稿]"  # the colon is ASCII: the labels are rarer
    assert held_chars(r"作者\s+|(?:^|[\s（(])文\s+") == "[作文]"
    assert held_chars(r"(?:来源|\s+)x?") is None  # one alternative may be all spaces
    assert held_chars(r"(?:来源|Source)\s*", re.I) is None  # "Source" in any case: no fixed characters
    assert held_chars(r"(?:来源|Source):", re.I) == "[:]"  # but every match holds the colon
    assert held_chars(r"来源x*") == "[来]"


def test_a_label_added_to_a_prefiltered_pattern_is_found_without_touching_anything_else():
    labels = ["作者", "记者"]
    text = "发布时间：2024-05-21 撰稿：王明"
    assert list(Prefiltered("(?:" + "|".join(labels) + ")：").finditer(text)) == []
    labels.append("撰稿")
    assert [m.group() for m in Prefiltered("(?:" + "|".join(labels) + ")：").finditer(text)] == ["撰稿："]


def test_the_prefiltered_byline_patterns_find_what_they_would_find_without_the_prefilter():
    bylines = ["文/图 王明", "图文：王明", "作者：王明", "撰稿：李华", "采写：某报记者 王明", "执笔：王明", "楼主：某某",
               "博主：某某", "发帖人：某某", "發佈人：某某", " 文 王明", "特约撰稿人 王明", "（本报记者 王明）",
               "通讯员 王明", "通訊員 王明", "圖/文 王明", "執筆：王明", "樓主：某某"]
    editors = ["责任编辑：王明", "責任編輯：王明", "责编 王明", "值班编辑：王明", "本文编辑：王明", "主编：王明",
               "编辑 王明", "編輯：王明"]
    for label, samples in ((people._AUTHOR_LABEL, bylines), (people._EDITOR_LABEL, editors)):
        assert label.held is not None
        for sample in samples:
            assert label.held.search(sample) is not None, sample
            found = [m.span() for m in label.finditer(sample)]
            assert found and found == [m.span() for m in label.pattern.finditer(sample)], sample
        assert list(label.finditer("Posted by Anna Berg: 12:30, Source: Reuters")) == []


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
