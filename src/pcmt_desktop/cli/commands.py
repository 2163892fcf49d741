"""The sub-commands of ``pcmt``, in the order ``pcmt --help`` lists them."""

from pcmt_desktop.cli import demo_command, screenshot_command
from pcmt_desktop.cli.command import Command

COMMANDS: list[Command] = [demo_command.COMMAND, screenshot_command.COMMAND]
