"""How many rows each registry holds: what a manifest lists so the receiver can check it.

Keys are table names, which do not change with the wording of the interface; the labels
are what the window and the command line show.
"""

import sqlite3

REGISTRY_TABLES: tuple[tuple[str, str], ...] = (
    ("sub_area", "Địa bàn"),
    ("person", "Đối tượng"),
    ("list_stay", "Lượt trong diện quản lý"),
    ("substitution_treatment", "Lượt điều trị thay thế"),
    ("surveillance", "Hồ sơ sưu tra"),
    ("retail_seller_role", "Lượt là đối tượng bán lẻ"),
    ("custody_stay", "Lượt ở trại giam, cơ sở giáo dục bắt buộc, trường giáo dưỡng"),
    ("drug_test", "Lượt test ma túy"),
    ("dossier", "Hồ sơ cai nghiện bắt buộc"),
    ("hotspot", "Điểm, tụ điểm phức tạp về ma túy"),
    ("plant_seizure", "Vụ phá nhổ cây có chứa chất ma túy"),
    ("drug_case", "Vụ việc (vụ án, vi phạm hành chính)"),
    ("target", "Chỉ tiêu"),
    ("report", "Báo cáo đã lưu"),
    ("audit_entry", "Dòng nhật ký thao tác"),
)

LABELS = dict(REGISTRY_TABLES)


def count_rows(connection: sqlite3.Connection) -> dict[str, int]:
    """Rows per registry table present in the database (an older schema may lack some)."""
    present = {
        name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    counts: dict[str, int] = {}
    for table, _label in REGISTRY_TABLES:
        if table in present:
            (count,) = connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()
            counts[table] = int(count)
    return counts


def label_for(table: str) -> str:
    """The Vietnamese label; a table a newer program added is shown by its name."""
    return LABELS.get(table, table)
