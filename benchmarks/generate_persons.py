"""Fill a fresh, migrated database with invented persons for the persons-table benchmark.

Every name is made up from small tables of common name parts; nothing comes from real
records. Rows go in with SQLAlchemy Core bulk inserts in one transaction, and the folded
columns are computed with the same functions the person service uses, so search and sort
behave exactly as on an officer's database.

Run: ``python -m benchmarks.generate_persons --persons 100000 --db /tmp/bench.sqlite3``
"""

import argparse
import random
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select

from pcmt_desktop.domain.text import fold
from pcmt_desktop.domain.vocabulary import (
    END_REASONS,
    MOVE_END_REASON,
    MOVE_START_REASON,
    START_REASONS,
    Gender,
    ManagementList,
)
from pcmt_desktop.services.persons import PersonInput, search_text_for
from pcmt_desktop.store.database import Database
from pcmt_desktop.store.models import ListStay, Office, Person, SubArea

FAMILY_NAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
    "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lương", "Tạ", "Mai",
)  # fmt: skip
MALE_MIDDLE_NAMES = ("Văn", "Đức", "Hữu", "Minh", "Quang", "Công", "Xuân", "Thành", "Đình")
FEMALE_MIDDLE_NAMES = ("Thị", "Ngọc", "Thu", "Thanh", "Kim", "Hồng", "Mỹ", "Diệu")
MALE_GIVEN_NAMES = (
    "An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hải", "Hiếu", "Hùng", "Khánh",
    "Long", "Mạnh", "Nam", "Phong", "Quân", "Sơn", "Tài", "Thắng", "Tuấn", "Việt",
)  # fmt: skip
FEMALE_GIVEN_NAMES = (
    "Anh", "Bích", "Chi", "Dung", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Liên",
    "Mai", "Nga", "Oanh", "Phương", "Quyên", "Thảo", "Trang", "Tuyết", "Vân", "Yến",
)  # fmt: skip
VILLAGES = (
    "Xóm Đình", "Xóm Chợ", "Xóm Giữa", "Xóm Bãi", "Đội 1", "Đội 2", "Đội 3",
    "Khu Ao Sen", "Khu Cầu Đá", "Ngõ Giếng", "",
)  # fmt: skip
SUB_AREA_COUNT = 20
ON_LIST_SHARE = 0.40
MOVED_SHARE = 0.25  # of those on a list: moved once from another list
ENDED_SHARE = 0.20  # of those on a list: the (last) stay has ended
CCCD_SHARE = 0.70


def _sub_areas(connection: Connection) -> list[int]:
    rows = [
        {
            "name": f"Thôn Thử Nghiệm {number:02d}",
            "name_folded": fold(f"Thôn Thử Nghiệm {number:02d}"),
            "population": 2000 + 37 * number,
            "position": number - 1,
        }
        for number in range(1, SUB_AREA_COUNT + 1)
    ]
    connection.execute(insert(SubArea), rows)
    return list(connection.scalars(select(SubArea.id).order_by(SubArea.position)))


def _person(number: int, sub_area_ids: list[int], rng: random.Random, now: datetime) -> Any:
    gender = Gender.MALE if rng.random() < 0.85 else Gender.FEMALE
    if gender is Gender.MALE:
        middle, given = rng.choice(MALE_MIDDLE_NAMES), rng.choice(MALE_GIVEN_NAMES)
    else:
        middle, given = rng.choice(FEMALE_MIDDLE_NAMES), rng.choice(FEMALE_GIVEN_NAMES)
    full_name = f"{rng.choice(FAMILY_NAMES)} {middle} {given}"
    birth_year = rng.randint(1960, 2008) if rng.random() < 0.97 else None
    # Unique by construction: province 037, gender digit, then the running number.
    cccd = (
        f"037{2 if gender is Gender.MALE else 3}{number:08d}" if rng.random() < CCCD_SHARE else None
    )
    data = PersonInput(
        full_name=full_name,
        gender=gender,
        birth_year=birth_year,
        cccd=cccd,
        sub_area_id=rng.choice(sub_area_ids),
        village=rng.choice(VILLAGES),
    )
    return {
        "full_name": data.full_name,
        "name_folded": fold(data.full_name),
        "search_text": search_text_for(data),
        "gender": gender.value,
        "birth_year": birth_year,
        "birth_date": None,
        "cccd": cccd,
        "sub_area_id": data.sub_area_id,
        "village": data.village,
        "permanent_address": "",
        "current_address": "",
        "occupation": "",
        "notes": "",
        "created_at": now,
        "updated_at": now,
    }


def _stays(person_id: int, today: date, rng: random.Random) -> list[dict[str, Any]]:
    """One person's list stays: one, or two joined by a move; the last one maybe ended."""
    lists = list(ManagementList)
    start = today - timedelta(days=rng.randint(30, 6 * 365))
    stays: list[dict[str, Any]] = []
    key = rng.choice(lists)
    if rng.random() < MOVED_SHARE:
        moved_on = start + timedelta(days=rng.randint(1, (today - start).days - 1))
        stays.append(
            _stay(
                person_id,
                key,
                start=start,
                end=moved_on,
                start_reason=rng.choice(START_REASONS),
                end_reason=MOVE_END_REASON,
            )
        )
        key = rng.choice([item for item in lists if item is not key])
        start, reason = moved_on, MOVE_START_REASON
    else:
        reason = rng.choice(START_REASONS)
    end: date | None = None
    end_reason = ""
    if rng.random() < ENDED_SHARE and (today - start).days > 1:
        end = start + timedelta(days=rng.randint(1, (today - start).days))
        end_reason = rng.choice([item for item in END_REASONS if item != MOVE_END_REASON])
    stays.append(
        _stay(person_id, key, start=start, end=end, start_reason=reason, end_reason=end_reason)
    )
    return stays


def _stay(
    person_id: int,
    key: ManagementList,
    *,
    start: date,
    end: date | None,
    start_reason: str,
    end_reason: str,
) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "list_key": key.value,
        "start_date": start,
        "end_date": end,
        "start_reason": start_reason,
        "end_reason": end_reason,
        "note": "",
    }


def generate(path: Path, persons: int, *, seed: int = 20261123, today: date | None = None) -> None:
    """Create ``path`` (which must not exist) holding ``persons`` invented persons."""
    if path.exists():
        raise FileExistsError(f"{path} already exists; remove it or choose another path.")
    today = today or date.today()
    now = datetime.combine(today, datetime.min.time())
    rng = random.Random(seed)
    database = Database.open(path)
    try:
        with database.engine.begin() as connection:
            connection.execute(
                insert(Office),
                [
                    {
                        "id": 1,
                        "name": "Công an xã Thử Nghiệm",
                        "level": "Xã",
                        "parent_name": "Công an tỉnh Mẫu",
                        "sub_area_label": "thôn, tổ dân phố",
                        "place_name": "Thử Nghiệm",
                    }
                ],
            )
            sub_area_ids = _sub_areas(connection)
            connection.execute(
                insert(Person),
                [_person(number, sub_area_ids, rng, now) for number in range(1, persons + 1)],
            )
            person_ids = list(connection.scalars(select(Person.id).order_by(Person.id)))
            stays = [
                stay
                for person_id in person_ids
                if rng.random() < ON_LIST_SHARE
                for stay in _stays(person_id, today, rng)
            ]
            if stays:
                connection.execute(insert(ListStay), stays)
    finally:
        database.close()


def person_count(path: Path) -> int:
    database = Database.open(path)
    try:
        with database.engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(Person)) or 0
    finally:
        database.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    generate(args.db, args.persons)
    print(f"{args.persons} persons written to {args.db} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
