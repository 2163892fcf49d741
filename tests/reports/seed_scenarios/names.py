"""Invented sub-area and person names for the seed scenarios (none taken from the seeds).

Person names are drawn from the demo's name parts (pcmt_desktop.demo.names), which leave
out on purpose every given name that occurs in the seeds; each full name is used once,
so that no two invented persons look like one person entered twice (except where a
scenario means it, see seed_001's duplicates).
"""

import random
from itertools import product

from pcmt_desktop.demo import names as demo_names

OFFICE_NAME = demo_names.OFFICE_NAME  # "Công an huyện Sơn Hà"
PARENT_NAME = demo_names.PARENT_NAME  # "Công an tỉnh Nam Hòa"
PLACE_NAME = demo_names.PLACE_NAME
SUB_AREA_LABEL = demo_names.SUB_AREA_LABEL  # "xã, thị trấn"

TOWN = "Thị trấn Sơn Hà"
SECOND_TOWN = "Thị trấn Phú Lâm"
# Twenty invented communes; a scenario takes as many as its seed has.
COMMUNES: tuple[str, ...] = (
    "Xã Đồng Mai",
    "Xã Hòa Tiến",
    "Xã Sơn Phú",
    "Xã Sơn Tiến",
    "Xã Hòa Phong",
    "Xã Hòa Mỹ",
    "Xã Phú Điền",
    "Xã Tân Hưng",
    "Xã Đông Phước",
    "Xã Tây Giang",
    "Xã Yên Phúc",
    "Xã Vĩnh Hảo",
    "Xã Minh Đức",
    "Xã Đại An",
    "Xã Hương Trà",
    "Xã Bắc Lý",
    "Xã Nam Khê",
    "Xã Thanh Khê",
    "Xã Cẩm Đường",
    "Xã Long Mỹ",
)

_SEED = 2024


def _weighted(parts: tuple[tuple[str, int], ...]) -> list[str]:
    return [name for name, _weight in parts]


class NameMaker:
    """Hands out invented full names, each one once, in a fixed (seeded) order."""

    def __init__(self) -> None:
        shuffle = random.Random(_SEED).shuffle
        self._male = [
            " ".join(parts)
            for parts in product(
                _weighted(demo_names.FAMILY_NAMES),
                _weighted(demo_names.MALE_MIDDLE_NAMES),
                demo_names.MALE_GIVEN_NAMES,
            )
        ]
        self._female = [
            " ".join(parts)
            for parts in product(
                _weighted(demo_names.FAMILY_NAMES),
                _weighted(demo_names.FEMALE_MIDDLE_NAMES),
                demo_names.FEMALE_GIVEN_NAMES,
            )
        ]
        shuffle(self._male)
        shuffle(self._female)

    def male(self) -> str:
        return self._male.pop()

    def female(self) -> str:
        return self._female.pop()
