"""The check before anything is printed: before + added − removed = after, everywhere.

DOMAIN.md: "the program checks this and never prints figures that break it". The figures
are computed so that it holds; a database edited outside the program (overlapping stays)
could still break it, and then the officer gets the list of what does not add up instead
of a báo cáo with wrong numbers.
"""

from collections.abc import Iterator, Mapping
from typing import Any

from pcmt_desktop.domain.vocabulary import ManagementList

COLUMN_LABELS = {
    "before": "trước kỳ",
    "added": "bổ sung",
    "removed": "thanh loại",
    "after": "hiện tại",
}


class FiguresUnbalancedError(ValueError):
    """Some before + added − removed differs from after; ``problems`` says where."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            "Số liệu không khớp (trước + bổ sung − thanh loại ≠ hiện tại), không lập báo cáo:\n"
            + "\n".join(f"- {problem}" for problem in problems)
        )


def _rows(figures: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for management_list in ManagementList:
        block = (figures.get("lists") or {}).get(management_list.value)
        if not block:
            continue
        label = management_list.label
        yield label, block
        for row in block.get("by_sub_area", []):
            yield f"{label}, {row['sub_area']}", row
        if block.get("compare"):
            yield f"{label} (cùng kỳ)", block["compare"]
    for key, label in (("substitution_treatment", "Điều trị thay thế"), ("custody", "Giam giữ")):
        block = figures.get(key)
        if not block:
            continue
        yield label, block
        for row in block.get("by_sub_area", []):
            yield f"{label}, {row['sub_area']}", row
        if block.get("compare"):
            yield f"{label} (cùng kỳ)", block["compare"]


def balance_problems(figures: Mapping[str, Any]) -> list[str]:
    problems = []
    for where, row in _rows(figures):
        before, added, removed, after = (
            row[key] for key in ("before", "added", "removed", "after")
        )
        if before + added - removed != after:
            problems.append(
                f"{where}: {before} + {added} − {removed} = {before + added - removed}, "
                f"nhưng hiện tại là {after}"
            )
    # The lists' totals must also be the sums of their sub-areas.
    for management_list in ManagementList:
        block = (figures.get("lists") or {}).get(management_list.value)
        if not block or not block.get("by_sub_area"):
            continue
        for key, column in COLUMN_LABELS.items():
            summed = sum(row[key] for row in block["by_sub_area"])
            if summed != block[key]:
                problems.append(
                    f"{management_list.label}: tổng các địa bàn ({summed}) khác số chung "
                    f"({block[key]}) ở cột “{column}”"
                )
    return problems


def check_balance(figures: Mapping[str, Any]) -> None:
    problems = balance_problems(figures)
    if problems:
        raise FiguresUnbalancedError(problems)
