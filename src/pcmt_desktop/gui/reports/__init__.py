"""The "Báo cáo" tab: choose a template and a period, look at the figures, write, render."""
