"""The duplicates window: probable duplicate persons side by side, and their merge."""

from pcmt_desktop.gui.duplicates.dialog import DuplicatesDialog

__all__ = ["DuplicatesDialog"]
