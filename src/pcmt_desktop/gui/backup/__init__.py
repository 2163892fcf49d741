"""Backups from the window: the file sent upward (create, verify, restore) and the
automatic local backups (on closing, daily, before an import, a merge or a restore).

The work itself is ``pcmt_desktop.backup`` and ``pcmt_desktop.autobackup``; here are the
dialogs, the worker thread that keeps the window responsive, and the wiring.
"""
