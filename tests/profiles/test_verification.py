"""A profile's verification record loads, fails with file and key, and `newscrawl sites` shows it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newscrawl.profiles import ProfileError, load_profile
from tests.helpers import run_cli
from tests.profiles.test_loader import GOOD, write

RECORD = """\
verification:
  checked: 2026-11-30
  evidence:
    - {source: "DIYgod/RSSHub lib/routes/x.ts", shows: "node_N.htm pages", dated: 2025-03}
    - {source: "a saved page", shows: "#ozoom body", dated: 2024-12-25}
  unconfirmed: ["the title selector"]
"""


def test_the_record_loads(tmp_path):
    record = load_profile(write(tmp_path, GOOD + RECORD)).verification
    assert record.checked == date(2026, 11, 30) and record.live is None
    assert [(e.source, e.dated) for e in record.evidence] == [
        ("DIYgod/RSSHub lib/routes/x.ts", "2025-03"), ("a saved page", "2024-12-25")]
    assert record.unconfirmed == ("the title selector",)


@pytest.mark.parametrize("text, key, reason", [
    ("verification: yes\n", "verification", "must be a mapping"),
    ("verification: {checked: 2026-11-30}\n", "verification.evidence", "missing"),
    ("verification: {evidence: [{source: a, shows: b, dated: c}]}\n", "verification.checked", "missing"),
    ("verification: {checked: soon, evidence: [{source: a, shows: b, dated: c}]}\n", "verification.checked",
     "not a day"),
    ("verification: {checked: 2026-11-30, evidence: [{source: a, dated: c}]}\n", "verification.evidence[0].shows",
     "missing"),
    ("verification: {checked: 2026-11-30, evidence: [{source: a, shows: b, dated: c, by: d}]}\n",
     "verification.evidence[0].by", "unknown key"),
    ("verification: {checked: 2026-11-30, evidence: [{source: a, shows: b, dated: c}], unconfirmed: x}\n",
     "verification.unconfirmed", "list"),
    ("verification: {checked: 2026-11-30, evidence: [{source: a, shows: b, dated: c}], seen: 1}\n",
     "verification.seen", "unknown key"),
])
def test_a_bad_record_names_file_and_key(tmp_path: Path, text, key, reason):
    path = write(tmp_path, GOOD + text)
    with pytest.raises(ProfileError, match=reason) as caught:
        load_profile(path)
    assert caught.value.key == key and caught.value.path == str(path)


def test_sites_shows_a_header_then_each_profile_with_its_evidence_and_open_points(tmp_path):
    write(tmp_path, GOOD + RECORD, "jiangxiribao.yaml")
    result = run_cli("sites", "--profiles-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["SLUG", "NAME", "MODES", "STATE", "CHECKED", "FILE"]
    start = next(i for i, line in enumerate(lines) if line.startswith("jiangxiribao\t"))
    assert lines[start].split("\t")[:5] == ["jiangxiribao", "江西日报", "listing", "unverified", "2026-11-30"]
    assert lines[start + 1:start + 4] == [
        "  evidence\t2025-03\tDIYgod/RSSHub lib/routes/x.ts: node_N.htm pages",
        "  evidence\t2024-12-25\ta saved page: #ozoom body",
        "  unconfirmed\tthe title selector",
    ]
    shipped = [line.split("\t") for line in lines if not line.startswith(" ")]
    assert {row[0] for row in shipped} >= {"renminribao", "hunanribao", "fujianribao", "yanshiribao"}
    assert all(row[4] != "-" for row in shipped if row[0] not in ("SLUG", "yanshiribao"))
