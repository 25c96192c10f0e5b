"""The run summary: fixed JSON keys, entry contents, atomic write, prose."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import pytest

from newscrawl.state.summary import KINDS, RunSummary

KEYS = ["created", "updated", "unchanged", "dropped", "failed"]


def filled() -> RunSummary:
    summary = RunSummary()
    summary.add("created", "https://example.com/1", path=Path("_posts/2026-11-28-1.md"))
    summary.add("created", "https://example.com/2", path="_posts/2026-11-28-2.md")
    summary.add("updated", "https://example.com/3", path="_posts/2026-11-27-3.md")
    summary.add("unchanged", "https://example.com/4", path="_posts/2026-11-20-4.md")
    summary.add("dropped", "https://example.com/5", reason="missing title")
    summary.add("dropped", "https://example.com/6", reason="missing title")
    summary.add("dropped", "https://example.com/7", reason="duplicate of site:1")
    summary.add("failed", "https://example.com/8", reason="HTTP 500")
    return summary


def test_empty_summary_has_every_key() -> None:
    data = json.loads(RunSummary().to_json())
    assert list(data) == KEYS + ["skipped_known", "skipped_dropped", "skipped", "selectors"] and KEYS == list(KINDS)
    assert data["skipped"] == {} and data["selectors"] == {}
    assert all(data[key] == [] for key in KEYS) and data["skipped_known"] == 0


def test_skipped_known_is_a_count_after_the_lists() -> None:
    summary = filled()
    summary.skipped_known = 12
    data = json.loads(summary.to_json())
    assert list(data)[:5] == KEYS and data["skipped_known"] == 12


def test_json_entries_carry_url_path_and_reason() -> None:
    data = json.loads(filled().to_json())
    assert list(data) == KEYS + ["skipped_known", "skipped_dropped", "skipped", "selectors"]
    assert data["created"] == [
        {"url": "https://example.com/1", "path": "_posts/2026-11-28-1.md"},
        {"url": "https://example.com/2", "path": "_posts/2026-11-28-2.md"},
    ]
    assert data["updated"] == [{"url": "https://example.com/3", "path": "_posts/2026-11-27-3.md"}]
    assert data["unchanged"] == [{"url": "https://example.com/4", "path": "_posts/2026-11-20-4.md"}]
    assert data["dropped"][0] == {"url": "https://example.com/5", "reason": "missing title"}
    assert data["failed"] == [{"url": "https://example.com/8", "reason": "HTTP 500"}]


def test_json_keeps_chinese_readable() -> None:
    summary = RunSummary()
    summary.add("dropped", "https://example.com/x", reason="缺少标题")
    assert "缺少标题" in summary.to_json()


def test_counts_and_changes() -> None:
    summary = filled()
    assert summary.counts() == {"created": 2, "updated": 1, "unchanged": 1, "dropped": 3, "failed": 1}
    assert summary.has_changes()
    quiet = RunSummary()
    quiet.add("unchanged", "https://example.com/4", path="_posts/x.md")
    assert not quiet.has_changes()


@pytest.mark.parametrize(
    ("kind", "path", "reason"),
    [("removed", "p.md", None), ("created", None, None), ("dropped", None, None), ("failed", None, "")],
)
def test_add_rejects_incomplete_entries(kind: str, path: str | None, reason: str | None) -> None:
    with pytest.raises(ValueError):
        RunSummary().add(kind, "https://example.com/", path=path, reason=reason)


def test_write_is_atomic_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "run.json"
    RunSummary().write(target)
    filled().write(target)
    assert json.loads(target.read_text(encoding="utf-8")) == filled().to_dict()
    assert [p.name for p in target.parent.iterdir()] == ["run.json"]  # no temp files left
    assert target.stat().st_mode & 0o044  # readable by others, unlike mkstemp's default


def test_human_is_one_paragraph_with_counts_and_reasons() -> None:
    text = filled().human()
    assert "\n" not in text
    assert "2 created, 1 updated, 1 unchanged, 3 dropped, 1 failed" in text
    assert "missing title ×2" in text and "HTTP 500 ×1" in text


def test_entries_returns_copies() -> None:
    summary = filled()
    summary.entries("created")[0]["path"] = "tampered"
    assert PurePosixPath(summary.entries("created")[0]["path"]).name == "2026-11-28-1.md"
