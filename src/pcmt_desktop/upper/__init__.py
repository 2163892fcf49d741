"""The level above: received backup files, kept in a consolidated store, and combined figures.

A province (PC04) or a district receives its offices' backup files. Each office's data
is kept in its own namespace of the consolidated store, migrated by the same alembic
migrations as the office's own database (one SQLite file per office in a folder by
default, one schema per office on PostgreSQL), and listed in a catalog. The namespaces are
only read: the same figures an office computes are computed on each one and combined,
with a per-office breakdown, into one figures object the báo cáo renderers take.
"""
