"""The live check's judgement of extracted fields."""

from __future__ import annotations

from datetime import date, datetime, timezone

from newscrawl.check.live import field_problems
from newscrawl.extract import Extracted

NOW = datetime(2024, 5, 20, 12, 0, tzinfo=timezone.utc)


def test_good_fields_have_no_problem():
    fields = Extracted(title="标题", published=date(2024, 5, 20), paragraphs=["正文" * 50])
    assert field_problems(fields, NOW) == []


def test_empty_and_odd_fields_are_named():
    fields = Extracted(title="长" * 90, published=datetime(2024, 6, 1, tzinfo=timezone.utc), paragraphs=["短"])
    assert field_problems(fields, NOW) == [
        "title: 90 characters, probably more than the headline",
        "published: 2024-06-01T00:00:00+00:00 is in the future",
        "paragraphs: only 1 characters of text",
    ]
    assert field_problems(Extracted(), NOW) == ["title: empty", "published: empty", "paragraphs: empty"]
