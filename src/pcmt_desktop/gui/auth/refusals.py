"""A service's refusal that no dialog expected is still shown, never lost in a console.

The window only offers what the role allows, and the dialogs show the refusals they
know of; a ``PermissionDeniedError`` that still reaches Qt's event loop (a role changed,
a path not foreseen) is shown to the officer in Vietnamese. Anything else goes to the
hook that was there before.
"""

import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from pcmt_desktop.auth.permissions import PermissionDeniedError

TITLE = "Không có quyền"

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def refusal_hook(previous: ExceptHook) -> ExceptHook:
    """An ``excepthook`` that shows permission refusals and passes on the rest."""

    def hook(
        kind: type[BaseException], error: BaseException, traceback: TracebackType | None
    ) -> None:
        if isinstance(error, PermissionDeniedError):
            QMessageBox.warning(QApplication.activeWindow(), TITLE, str(error))
            return
        previous(kind, error, traceback)

    return hook


def install_refusal_hook() -> None:
    """Show every unexpected ``PermissionDeniedError`` (once per program: idempotent)."""
    if getattr(sys.excepthook, "pcmt_refusals", False):
        return
    hook = refusal_hook(sys.excepthook)
    hook.pcmt_refusals = True  # type: ignore[attr-defined]
    sys.excepthook = hook
