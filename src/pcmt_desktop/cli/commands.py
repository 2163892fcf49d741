"""The sub-commands of ``pcmt``, in the order ``pcmt --help`` lists them."""

from pcmt_desktop.cli import (
    audit_command,
    backup_command,
    demo_command,
    export_command,
    figures_command,
    import_command,
    report_command,
    screenshot_command,
    upper_command,
)
from pcmt_desktop.cli.command import Command

COMMANDS: list[Command] = [
    demo_command.COMMAND,
    import_command.IMPORT_COMMAND,
    export_command.EXPORT_COMMAND,
    export_command.TEMPLATE_COMMAND,
    figures_command.COMMAND,
    report_command.COMMAND,
    backup_command.COMMAND,
    audit_command.COMMAND,
    upper_command.COMMAND,
    screenshot_command.COMMAND,
]
