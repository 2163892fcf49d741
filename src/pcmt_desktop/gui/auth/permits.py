"""What the logged-in officer's role allows, applied to the window's actions and buttons.

A menu action the role does not allow stays in its menu, disabled, its tooltip saying
which right it needs: the officer learns that the work exists and whom to ask. A button
in a tab or a dialog is hidden instead, so that a form is not crowded with what cannot be
used. The services refuse anyway; this only keeps the window from offering what they
would refuse.
"""

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from pcmt_desktop.auth.permissions import Permission, PermissionDeniedError
from pcmt_desktop.services.context import Actor


def refusal_text(actor: Actor, permission: Permission) -> str:
    """The services' own words: “Tài khoản “…” không có quyền …”."""
    return str(PermissionDeniedError(actor.user_name, permission))


def gate_action(action: QAction, actor: Actor, permission: Permission) -> bool:
    """Disable ``action`` (saying why) unless ``actor`` may; True when it may."""
    if actor.may(permission):
        return True
    text = refusal_text(actor, permission)
    action.setEnabled(False)
    action.setToolTip(text)
    action.setStatusTip(text)
    return False


def withhold(actor: Actor, permission: Permission, *widgets: QWidget | None) -> bool:
    """Hide ``widgets`` unless ``actor`` may; True when it may (they are left alone)."""
    if actor.may(permission):
        return True
    for widget in widgets:
        if widget is not None:
            widget.setVisible(False)
    return False
