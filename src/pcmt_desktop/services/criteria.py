"""What every registry listing's criteria share: a sort key and a direction."""

from dataclasses import dataclass, replace
from typing import Self

from pcmt_desktop.domain.text import fold


@dataclass(frozen=True)
class SortedCriteria:
    """Base of a registry's filter; ``sort`` names a key its listing knows."""

    sort: str = ""
    descending: bool = False

    def sorted_by(self, sort: str, descending: bool) -> Self:
        return replace(self, sort=sort, descending=descending)


def like_tokens(text: str) -> list[str]:
    """The LIKE patterns of typed words (folded): each must appear somewhere."""
    patterns = []
    for token in fold(text).split():
        escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        patterns.append(f"%{escaped}%")
    return patterns
