"""Reports: the figures of a period rendered as the Word báo cáo and its Excel annex."""
