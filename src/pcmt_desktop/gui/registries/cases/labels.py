"""How the cases registry writes what a case seized.

The audit trail's labels and values of a case live with every other entity's, in
``gui.widgets.audit_text``.
"""

from pcmt_desktop.gui.registries.cases.amounts import format_grams, format_money
from pcmt_desktop.services.case_types import SeizedItems


def seized_text(items: SeizedItems) -> str:
    """ "5,524 g heroin; 10 viên; 1 phương tiện; 3.510.000 đồng" — what was seized."""
    parts = []
    for name, unit in (
        ("heroin_g", "g heroin"),
        ("methamphetamine_g", "g methamphetamine"),
        ("cannabis_g", "g cần sa"),
        ("other_g", "g ma túy khác"),
    ):
        if grams := getattr(items, name):
            parts.append(f"{format_grams(grams)} {unit}")
    for name, unit in (("pills", "viên"), ("vehicles", "phương tiện"), ("phones", "điện thoại")):
        if count := getattr(items, name):
            parts.append(f"{format_money(count)} {unit}")
    if items.cash_vnd:
        parts.append(f"{format_money(items.cash_vnd)} đồng")
    return "; ".join(parts)
