"""The README's promises about the command line, read from README.md itself and run.

Each command line in the README's ``sh`` blocks passes the same checks a run
does before its first request (nothing is fetched); each ``$ command`` example
prints the line the README shows; the options and ``-a`` arguments it names
exist; and its exit status table is the one in ``newscrawl/exits.py``. The
other promises each have their own test: tests/cli/test_bad_input.py (one line,
exit 2, nothing written), test_progress.py (terminal, piped, -q, -v),
test_run_report.py (network failures, the summary), tests/test_settings.py (the
settings table), tests/test_install.py (the install commands).
"""

from __future__ import annotations

import re
import shlex

import pytest
from scrapy.utils.conf import arglist_to_dict

from newscrawl import exits
from newscrawl.cli import build_parser
from newscrawl.cli.crawl import resolve_sites, selection_args
from newscrawl.cli.options import checked_settings
from newscrawl.commands.crawl import check_news_run
from newscrawl.runner import project_settings
from newscrawl.spiders.arguments import SPIDER_ARGUMENTS
from tests.helpers import REPO, run_cli

README = (REPO / "README.md").read_text(encoding="utf-8")


def readme_commands(program: str) -> list[str]:
    """Return every command line of ``program`` in the README's sh blocks, without its comment."""
    lines = [line.split("  #")[0].strip() for block in re.findall(r"```sh\n(.*?)```", README, re.S)
             for line in block.splitlines()]
    return [line for line in lines if line.startswith(f"{program} ")]


def test_the_readme_shows_commands_to_check():
    assert len(readme_commands("newscrawl")) >= 15 and len(readme_commands("scrapy")) == 2


@pytest.mark.parametrize("line", readme_commands("newscrawl"))
def test_each_readme_command_line_passes_the_checks(line, tmp_path, monkeypatch):
    """Every option is known; a crawl's sites, window, section, settings and paths pass preflight."""
    monkeypatch.chdir(tmp_path)  # relative --out, --summary and --jsonl land here (only probed, not written)
    args = build_parser().parse_args(shlex.split(line)[1:])
    if args.command == "crawl":
        checked_settings(args)
        selection_args(args, resolve_sites(args))
    assert list(tmp_path.iterdir()) == [], "the checks write nothing"


@pytest.mark.parametrize("line", readme_commands("scrapy"))
def test_each_readme_scrapy_line_passes_the_checks(line, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    words = shlex.split(line)
    spargs = arglist_to_dict([words[i + 1] for i, w in enumerate(words) if w == "-a"])
    overrides = arglist_to_dict([words[i + 1] for i, w in enumerate(words) if w == "-s"])
    check_news_run(spargs, overrides, project_settings(overrides))


def test_readme_examples_print_the_line_the_readme_shows(tmp_path):
    """`$ newscrawl …` followed by the line it prints ("…" ends a line shown in part)."""
    examples = re.findall(r"^\$ (newscrawl .+)\n(newscrawl: .+)$", README, re.M)
    assert len(examples) >= 2
    for command, shown in examples:
        result = run_cli(*shlex.split(command)[1:], "--out", str(tmp_path / "out"), cwd=tmp_path)
        assert result.returncode == 2 and result.stdout == ""
        expected = shown.split("…")[0]
        assert result.stderr.startswith(expected) and len(result.stderr.splitlines()) == 1, \
            (command, result.stderr)
    assert not (tmp_path / "out").exists()


def test_every_crawl_option_the_readme_names_exists():
    paragraph = README.split("`crawl` options (")[1].split("\n\n")[0]
    named = set(re.findall(r"`(--[a-z-]+|-[sqv])\b", paragraph))
    crawl = next(a for a in build_parser()._actions if a.dest == "command").choices["crawl"]
    known = {option for action in crawl._actions for option in action.option_strings}
    assert len(named) >= 15 and named - known == set()


def test_the_readme_names_every_spider_argument():
    paragraph = README.split("`site` (comma-separated slugs)")[1].split("\n\n")[0]
    named = {"site", *re.findall(r"`([a-z_]+)`", paragraph)}
    assert named == set(SPIDER_ARGUMENTS)


def test_the_exit_status_table_is_the_codes():
    table = dict(re.findall(r"^\| (\d) \| (.+) \|$", README, re.M))
    assert {int(k) for k in table} == {exits.EXIT_OK, exits.EXIT_FAILED, exits.EXIT_USAGE, exits.EXIT_LOCKED,
                                       exits.EXIT_NOTHING_NEW}
    assert "bad arguments" in table[str(exits.EXIT_USAGE)] and "lock" in table[str(exits.EXIT_LOCKED)]
    assert "--exit-nothing-new" in table[str(exits.EXIT_NOTHING_NEW)]
