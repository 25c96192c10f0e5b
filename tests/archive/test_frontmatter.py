"""Front matter values survive a YAML parser unchanged and stay on one line."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
import yaml

from newscrawl.archive.frontmatter import hugo_date, jekyll_date, yaml_list, yaml_str
from tests.archive.cases import HOSTILE_VALUES


def load_value(text: str):
    """Return what a YAML parser reads for ``key: <text>``."""
    return yaml.safe_load(f"key: {text}\n")["key"]


@pytest.mark.parametrize("value", HOSTILE_VALUES + ["", "nul\x00byte", "bell\x07", "\ufeffbom", "\u2028sep"])
def test_hostile_scalar_round_trips_on_one_line(value):
    text = yaml_str(value)
    assert "\n" not in text
    assert load_value(text) == value


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_forced_quotes_round_trip(value):
    text = yaml_str(value, quote=True)
    assert text.startswith('"') and text.endswith('"')
    assert load_value(text) == value


@pytest.mark.parametrize("value", ["jiangxiribao", "江西日报新闻", "content_5411", "Xinhua-news"])
def test_provably_safe_values_stay_plain(value):
    assert yaml_str(value) == value


@pytest.mark.parametrize("value", ["yes", "Yes", "yEs", "on", "OFF", "n", "null", "Null", "nan",
                                   "123", "1_000", "2022-03-17", "-lead", "_lead", "a b", "a:b"])
def test_values_a_yaml_parser_could_reinterpret_are_quoted(value):
    text = yaml_str(value)
    assert text.startswith('"')
    assert load_value(text) == value


def test_bidi_controls_are_escaped_not_raw():
    text = yaml_str("bidi \u202eevil\u2066x\u2069")
    assert "\u202e" not in text and "\\u202E" in text
    assert load_value(text) == "bidi \u202eevil\u2066x\u2069"


def test_flow_list_round_trips():
    values = ["张三", "李 四", "{{ x }}", "- y", "a, b", "[c]"]
    text = yaml_list(values)
    assert "\n" not in text
    assert load_value(text) == values


def test_jekyll_date_keeps_offset_and_bare_days():
    cst = timezone(timedelta(hours=8))
    assert jekyll_date(datetime(2022, 3, 17, 9, 4, 4, 999, tzinfo=cst)) == "2022-03-17 09:04:04 +0800"
    assert jekyll_date(date(2022, 3, 17)) == "2022-03-17"


def test_hugo_date_is_iso_8601_with_offset():
    cst = timezone(timedelta(hours=8))
    assert hugo_date(datetime(2022, 3, 17, 9, 4, 4, 5, tzinfo=cst)) == "2022-03-17T09:04:04+08:00"
    assert hugo_date(date(2022, 3, 17)) == "2022-03-17"


@pytest.mark.parametrize("render", [jekyll_date, hugo_date])
def test_naive_datetime_is_refused(render):
    with pytest.raises(ValueError, match="time zone"):
        render(datetime(2022, 3, 17, 9, 4, 4))
