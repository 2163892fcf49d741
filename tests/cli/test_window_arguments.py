"""The window's options are read without the sub-commands; anything else goes to them."""

from pathlib import Path

import pytest

from pcmt_desktop.cli.main import main, window_arguments


def test_the_window_options_are_read_alone() -> None:
    arguments = window_arguments(["--db", "van-phong.sqlite3"])
    assert arguments is not None
    assert (arguments.db, arguments.command, arguments.smoke) == (
        Path("van-phong.sqlite3"),
        None,
        False,
    )
    smoke = window_arguments(["--smoke"])
    assert smoke is not None and smoke.smoke


@pytest.mark.parametrize(
    "argv",
    [
        ["--db", "x.sqlite3", "figures", "--from", "01/01/2026", "--to", "31/01/2026"],
        ["--help"],
        ["--version"],
        ["--khong-co"],
        ["--db"],
    ],
)
def test_a_command_help_or_mistake_goes_to_the_whole_parser(argv: list[str]) -> None:
    assert window_arguments(argv) is None


def test_a_mistyped_option_is_still_told_by_the_whole_parser(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--khong-co"])
    assert stopped.value.code == 2
    assert "--khong-co" in capsys.readouterr().err


def test_help_still_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "figures" in out and "backup" in out
