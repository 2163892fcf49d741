"""The substances a drug test reads, and how a test's findings are written."""

from collections.abc import Iterable
from enum import StrEnum


class Substance(StrEnum):
    """The values are the boolean columns of ``drug_test`` (store.models)."""

    HEROIN = "heroin"
    METHAMPHETAMINE = "methamphetamine"
    MDMA = "mdma"
    KETAMINE = "ketamine"
    CANNABIS = "cannabis"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _SUBSTANCE_LABELS[self]


_SUBSTANCE_LABELS = {
    Substance.HEROIN: "Heroin/Morphine",
    Substance.METHAMPHETAMINE: "Methamphetamine",
    Substance.MDMA: "MDMA",
    Substance.KETAMINE: "Ketamine",
    Substance.CANNABIS: "Cần sa",
    Substance.OTHER: "Khác",
}

POSITIVE_TEXT = "Dương tính"
NEGATIVE_TEXT = "Âm tính"


def result_text(positive: bool) -> str:
    return POSITIVE_TEXT if positive else NEGATIVE_TEXT


def substances_text(found: Iterable[Substance], other_name: str = "") -> str:
    """ "Heroin/Morphine, Methamphetamine" in the fixed order; "Khác" shows its name."""
    present = set(found)
    parts = []
    for item in Substance:
        if item in present:
            parts.append(other_name if item is Substance.OTHER and other_name else item.label)
    return ", ".join(parts)
