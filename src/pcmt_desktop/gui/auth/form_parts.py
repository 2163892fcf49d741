"""What the account dialogs build alike: labelled rows, the refusal line, a guarded service call.

Kept in one place so that every dialog says a refusal the same way (in red, under its
form) and restores the cursor however the service call ends.
"""

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.gui.auth.password_fields import PROBLEM_STYLE


def database_failure(error: SQLAlchemyError) -> str:
    cause = getattr(error, "orig", None) or error
    return f"Không đọc được cơ sở dữ liệu ({cause}). Hãy thử lại hoặc liên hệ quản trị viên."


def add_rows(form: QFormLayout, parent: QWidget, rows: Iterable[tuple[str, QWidget]]) -> None:
    """Each field with its label, whose mnemonic moves the focus there.

    An empty text makes a row without a label (a hint shown under the field above).
    """
    for text, field in rows:
        label = QLabel(text, parent)
        if text:
            label.setBuddy(field)
        form.addRow(label, field)


def submit_buttons(
    dialog: QDialog, submit_text: str, leave_text: str, submit: Callable[[], None]
) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """The buttons under a form: ``submit_text`` (also Enter) calls ``submit``, which accepts
    the dialog only once the work is done; ``leave_text`` (also Escape) rejects it.

    Returns the box and its two buttons, submit first.
    """
    buttons = QDialogButtonBox(dialog)
    submit_button = buttons.addButton(submit_text, QDialogButtonBox.ButtonRole.AcceptRole)
    leave_button = buttons.addButton(leave_text, QDialogButtonBox.ButtonRole.RejectRole)
    submit_button.setDefault(True)
    buttons.accepted.connect(submit)
    buttons.rejected.connect(dialog.reject)
    return buttons, submit_button, leave_button


def refusal_label(parent: QWidget) -> QLabel:
    """The red line saying why the dialog refused; hidden until it has something to say."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(PROBLEM_STYLE)
    label.hide()
    return label


def say(label: QLabel, text: str) -> None:
    label.setText(text)
    label.show()


def attempt(
    action: Callable[[], object],
    refuse: Callable[[str], None],
    refusals: tuple[type[Exception], ...],
    database_text: Callable[[SQLAlchemyError], str],
) -> bool:
    """Run a service call under the wait cursor; False when it was refused (and said why).

    ``refusals`` are the service's own refusals, said in its words; a database failure
    is said with ``database_text``.
    """
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        action()
    except refusals as error:
        refuse(str(error))
        return False
    except SQLAlchemyError as error:
        refuse(database_text(error))
        return False
    finally:
        QApplication.restoreOverrideCursor()
    return True
