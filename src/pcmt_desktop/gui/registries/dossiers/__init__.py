"""The compulsory-rehab (CNBB) dossiers registry: its tab, record view and dialogs."""

from pcmt_desktop.gui.registries.dossiers.tab import DossiersTab

__all__ = ["DossiersTab"]
