"""How the level above's window writes the moments of backups and receptions."""

from datetime import datetime

MOMENT = "%H:%M %d/%m/%Y"


def moment_text(moment: datetime) -> str:
    """ "09:30 20/11/2026", in this computer's time zone (the catalog keeps the offset)."""
    return f"{moment.astimezone():{MOMENT}}"
