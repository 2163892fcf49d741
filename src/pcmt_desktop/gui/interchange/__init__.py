"""The window's actions on the data workbook (Tệp menu): export and the empty template."""
