"""The "Tổng quan" tab: the day's work, the data's gaps and the trends, on one page."""
