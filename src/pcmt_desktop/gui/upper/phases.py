"""The campaign phases the offices entered, as one list for the period chooser.

A province's cao điểm is entered by each of its offices in its "Chỉ tiêu" tab; the same
phase (same name and dates) in several offices is offered once. The ids are only this
list's own: the chooser picks by id, and two offices' ids mean nothing to each other.
"""

from dataclasses import replace

from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.targets import PhaseRecord, TargetService
from pcmt_desktop.upper.errors import UpperStoreError
from pcmt_desktop.upper.store import UpperStore

NO_PHASES_TEXT = "(các đơn vị chưa khai báo giai đoạn cao điểm nào)"


def offices_phases(store: UpperStore) -> list[PhaseRecord]:
    """Every office's phases, each (name, dates) once, the latest first.

    An office whose data cannot be read is passed over here: computing the figures says
    what is wrong with it.
    """
    found: dict[tuple[str, object, object], PhaseRecord] = {}
    for backup in store.offices():
        try:
            with store.reading(backup) as sessions:
                phases = TargetService(ServiceContext(sessions)).phases()
        except (UpperStoreError, SQLAlchemyError):
            continue
        for phase in phases:
            found.setdefault((phase.name.strip(), phase.start, phase.end), phase)
    ordered = sorted(found.values(), key=lambda phase: (phase.start, phase.end), reverse=True)
    return [replace(phase, id=number) for number, phase in enumerate(ordered, start=1)]
