"""The level above's figures: each office's own figures, computed on its namespace, combined.

Every office's figures are computed by the same ``compute_figures`` an office runs on its
own database (its balance check included), on sessions bound to that office's
namespace, read-only; ``combine_figures`` then adds them up and the result is checked
once more before it is handed out.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from pcmt_desktop.reports.balance import FiguresUnbalancedError, check_balance
from pcmt_desktop.reports.figures import compute_figures
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.upper.catalog import ReceivedBackup
from pcmt_desktop.upper.combine import combine_figures
from pcmt_desktop.upper.errors import UpperStoreError
from pcmt_desktop.upper.store import UpperStore

Progress = Callable[[int, int], None]


def office_figures(
    store: UpperStore,
    backup: ReceivedBackup,
    date_from: date,
    date_to: date,
    *,
    compare: bool = False,
    today: Callable[[], date] = date.today,
) -> dict[str, Any]:
    """One office's figures, exactly as that office would compute them on its own data."""
    with store.reading(backup) as sessions:
        context = ServiceContext(sessions, today=today)
        try:
            return compute_figures(context, date_from, date_to, compare=compare)
        except FiguresUnbalancedError as error:
            raise UpperStoreError(
                f"Số liệu của “{backup.office_name}” (sao lưu lúc "
                f"{backup.created_at:%H:%M ngày %d/%m/%Y}) không khớp. {error}"
            ) from error


def combined_figures(
    store: UpperStore,
    date_from: date,
    date_to: date,
    *,
    compare: bool = False,
    today: Callable[[], date] = date.today,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """The figures of every office the store holds, combined, with ``by_office``.

    Raises PeriodError for a period that is not one, UpperStoreError when the store holds
    no office or an office's figures do not add up.
    """
    offices = store.offices()
    if not offices:
        raise UpperStoreError(
            f"Kho tổng hợp {store.location.describe()} chưa có dữ liệu của đơn vị nào: "
            "hãy nhận các tệp sao lưu trước (pcmt upper add)."
        )
    per_office: dict[str, dict[str, Any]] = {}
    for done, backup in enumerate(offices):
        per_office[backup.office_name] = office_figures(
            store, backup, date_from, date_to, compare=compare, today=today
        )
        if progress is not None:
            progress(done + 1, len(offices))
    combined = combine_figures(
        per_office,
        created_at={backup.office_name: backup.created_at.isoformat() for backup in offices},
    )
    check_balance(combined)
    return combined
