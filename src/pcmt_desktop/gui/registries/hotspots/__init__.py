"""The hotspots registry: its tab, form and record view."""
