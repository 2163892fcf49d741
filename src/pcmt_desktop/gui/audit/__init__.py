"""The "Nhật ký" tab: the audit trail searched, checked and exported."""
