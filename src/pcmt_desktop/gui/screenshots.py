"""Renders the window's tabs and main dialogs to PNG files (offscreen)."""

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from pcmt_desktop.gui.app import application
from pcmt_desktop.gui.main_window import MainWindow
from pcmt_desktop.gui.office.settings_dialog import OfficeSettingsDialog
from pcmt_desktop.services.person_listing import ON_ANY_LIST, PersonFilter, SortColumn
from pcmt_desktop.services.registry import Services


def _save(widget: QWidget, path: Path) -> Path:
    widget.show()
    QApplication.processEvents()
    if not widget.grab().save(str(path)):
        raise OSError(f"không lưu được {path}")
    return path


def _richest_person(services: Services) -> int | None:
    """The person with the longest history makes the most telling record picture."""
    ids = services.listing.ordered_ids(PersonFilter(list_key=ON_ANY_LIST, sort=SortColumn.NAME))
    best: tuple[int, int] | None = None
    for person_id in ids[:300]:
        size = sum(len(entries) for entries in services.histories.all_entries(person_id).values())
        if best is None or size > best[0]:
            best = (size, person_id)
    return None if best is None else best[1]


def render_all(
    services: Services, database_path: Path, out: Path, size: tuple[int, int]
) -> list[Path]:
    application()
    window = MainWindow(services, database_path)
    window.resize(*size)
    written: list[Path] = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        tab = window.tabs.widget(index)
        slug = (tab.objectName() if tab is not None else "") or f"tab-{index + 1}"
        written.append(_save(window, out / f"{index + 1:02d}-{slug}.png"))

    from pcmt_desktop.gui.registries.persons.form import PersonFormDialog
    from pcmt_desktop.gui.registries.persons.history import PersonHistoryDialog

    person_id = _richest_person(services)
    if person_id is not None:
        record = PersonHistoryDialog(services, person_id, window)
        written.append(_save(record, out / "20-ho-so-doi-tuong.png"))
        record.close()
        form = PersonFormDialog(services, person_id, window)
        written.append(_save(form, out / "21-sua-doi-tuong.png"))
        form.close()
    settings = OfficeSettingsDialog(services, first_start=False, parent=window)
    written.append(_save(settings, out / "22-don-vi-dia-ban.png"))
    settings.close()
    window.close()
    return written
