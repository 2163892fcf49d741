"""Targets (chỉ tiêu) of the phases that run in or after the period, with their actuals."""

from datetime import date
from typing import Any

from pcmt_desktop.services.targets import TargetService


def target_figures(service: TargetService, date_from: date, today: date) -> dict[str, Any]:
    phases = []
    for phase in service.phases():
        if phase.end < date_from:
            continue
        rows = [
            {
                "sub_area": progress.sub_area_name,
                "measure": progress.measure.value,
                "measure_label": progress.measure.label,
                "target": progress.target,
                "actual": progress.actual,
            }
            for progress in service.progress(phase.id, today)
        ]
        phases.append(
            {
                "name": phase.name,
                "from": phase.start.isoformat(),
                "to": phase.end.isoformat(),
                "rows": rows,
            }
        )
    phases.sort(key=lambda phase: (phase["from"], phase["to"]))
    return {"phases": phases}
