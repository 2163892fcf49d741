"""The level above's window: the offices' received backups and their combined figures.

A province (PC04) or a district opens its consolidated store (``pcmt_desktop.upper``)
here: it receives its offices' backup files, sees which office's data it holds and
from when, and computes, previews and renders the combined figures as its own báo cáo.
Nothing here writes to an office's data: the store's namespaces are only read.
"""
