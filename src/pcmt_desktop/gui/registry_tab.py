"""What the main window asks of every registry tab, so one menu serves them all."""

from typing import Any, Protocol


class RegistryTab(Protocol):
    """The actions the "Bản ghi" menu and its shortcuts apply to the open tab."""

    def add_record(self) -> Any: ...

    def open_selected(self) -> Any: ...

    def delete_selected(self, *, ask: bool = True) -> None: ...

    def focus_search(self) -> None: ...

    def select_record(self, record_id: int) -> bool: ...
