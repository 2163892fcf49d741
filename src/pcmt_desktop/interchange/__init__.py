"""The data workbook (shared/INTERCHANGE.md §1): its format as data, the export, the template.

Nothing here imports Qt: the window's actions live in ``gui/interchange``.
"""
