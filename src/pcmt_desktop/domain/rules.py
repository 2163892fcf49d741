"""Checks on input that need no database: each returns the problems it finds.

Every message names the field in the officer's words and says what is expected, so the
form can show it beside the field and the command line can print it as is.
"""

import re
from datetime import date

from pcmt_desktop.domain.errors import FieldProblem

# ASCII only: \d would also accept full-width and other scripts' digits.
CCCD_PATTERN = re.compile(r"[0-9]{12}")
EARLIEST_BIRTH_YEAR = 1900


def format_day(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def check_not_future(field: str, label: str, day: date | None, today: date) -> list[FieldProblem]:
    if day is not None and day > today:
        return [
            FieldProblem(
                field,
                f"{label} ({format_day(day)}) ở sau ngày hôm nay ({format_day(today)}).",
            )
        ]
    return []


def check_cccd(cccd: str | None) -> list[FieldProblem]:
    if cccd is None or CCCD_PATTERN.fullmatch(cccd):
        return []
    return [
        FieldProblem("cccd", f"Số CCCD phải gồm đúng 12 chữ số (đã nhập: “{cccd}”)."),
    ]


def check_birth(birth_year: int | None, birth_date: date | None, today: date) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if birth_date is not None:
        problems += check_not_future("birth", "Ngày sinh", birth_date, today)
        if birth_year is not None and birth_year != birth_date.year:
            problems.append(
                FieldProblem("birth", "Năm sinh không khớp với ngày sinh."),
            )
    if birth_year is not None and not EARLIEST_BIRTH_YEAR <= birth_year <= today.year:
        problems.append(
            FieldProblem(
                "birth",
                f"Năm sinh {birth_year} không hợp lệ "
                f"(phải từ {EARLIEST_BIRTH_YEAR} đến {today.year}).",
            )
        )
    return problems


def check_span(start: date, end: date | None, today: date) -> list[FieldProblem]:
    problems = check_not_future("start_date", "Ngày bắt đầu", start, today)
    problems += check_not_future("end_date", "Ngày kết thúc", end, today)
    if end is not None and end < start:
        problems.append(
            FieldProblem(
                "end_date",
                f"Ngày kết thúc ({format_day(end)}) ở trước ngày bắt đầu ({format_day(start)}).",
            )
        )
    return problems


def check_required(field: str, label: str, value: str | None) -> list[FieldProblem]:
    if value is None or not value.strip():
        return [FieldProblem(field, f"Chưa nhập {label}.")]
    return []
