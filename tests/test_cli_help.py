"""``--help`` of every command reads well: plain text wrapped to the terminal (each paragraph's
lines filled, none broken mid-sentence by a hard-wrapped docstring), no Python type after each
flag, no markup escapes, every option with a help text, and one option name per setting across
commands."""

from __future__ import annotations

import itertools
import re

import pytest
from typer.testing import CliRunner

from cagraph.cli.main import app

COMMANDS = [info.name for info in app.registered_commands if info.name]
TYPE_NOISE = re.compile(r"<(bool|str|int|float|path|list\[|int range|float range)[^>]*>")
SETTING = re.compile(r"\$?CAGRAPH_([A-Z_]+[A-Z])")


def help_of(command: str | None, width: int) -> str:
    args = [command, "--help"] if command else ["--help"]
    result = CliRunner().invoke(app, args, env={"COLUMNS": str(width)}, terminal_width=width)
    assert result.exit_code == 0, result.output
    return result.output


def option_rows(text: str) -> dict[str, str]:
    """``--flag`` -> its help, from the Options section (continuation lines joined)."""
    section = text.split("\nOptions:\n", 1)[1]
    rows: dict[str, str] = {}
    current = None
    for line in section.splitlines():
        match = re.match(r"  (?:-\w, )?(--[\w-]+)(?: / --[\w-]+)?(?: \S+)?\s{2,}(.*)$", line)
        bare = re.match(r"  (?:-\w, )?(--[\w-]+)(?: / --[\w-]+)?(?: \S+)?$", line)
        if match:
            current = match.group(1)
            rows[current] = match.group(2)
        elif bare:
            current = bare.group(1)
            rows[current] = ""
        elif current and line.startswith("    "):
            rows[current] += " " + line.strip()
    return rows


def test_every_command_is_listed_with_its_summary() -> None:
    text = help_of(None, 100)
    for command in COMMANDS:
        assert re.search(rf"^  {command}\s+\S", text, re.MULTILINE), command


@pytest.mark.parametrize("command", [None, *COMMANDS])
@pytest.mark.parametrize("width", [72, 100])
def test_help_has_no_type_noise_and_every_paragraph_is_filled_to_the_width(
    command: str | None, width: int
) -> None:
    text = help_of(command, width)
    assert not TYPE_NOISE.search(text), TYPE_NOISE.search(text)
    assert "\\[" not in text and "[bold" not in text and "╭" not in text
    description = text.split("\nArguments:\n")[0].split("\nOptions:\n")[0]
    paragraphs = [p.splitlines() for p in description.split("\n\n")[1:]]  # after the usage
    for lines in paragraphs:
        for line, following in itertools.pairwise(lines):
            assert len(line) <= width, line
            next_word = following.split()[0]
            # greedy wrapping: the next line's first word did not fit on this one
            assert len(line) + 1 + len(next_word) > min(width, 100) - 2, (line, following)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_has_a_help_text(command: str) -> None:
    rows = option_rows(help_of(command, 100))
    assert "--help" in rows
    assert all(text.strip() for text in rows.values()), rows


def test_one_option_name_per_setting_and_one_setting_per_option_name() -> None:
    flags_of: dict[str, set[str]] = {}
    settings_of: dict[str, set[str]] = {}
    for command in COMMANDS:
        for flag, text in option_rows(help_of(command, 100)).items():
            for setting in SETTING.findall(text):
                flags_of.setdefault(setting, set()).add(flag)
                settings_of.setdefault(flag, set()).add(setting)
    assert flags_of["STORE"] == {"--store"}
    assert flags_of["QUERY_TIMEOUT_S"] == {"--timeout"}
    assert {s: f for s, f in flags_of.items() if len(f) > 1} == {}
    assert {f: s for f, s in settings_of.items() if len(s) > 1} == {}


def test_the_store_option_reads_the_same_in_every_command() -> None:
    texts = {
        command: option_rows(help_of(command, 100)).get("--store")
        for command in COMMANDS
        if "--store" in help_of(command, 100)
    }
    assert len(texts) >= 8
    assert len(set(texts.values())) == 1, texts
    assert "$CAGRAPH_STORE" in next(iter(texts.values()))
