"""The default name of a backup file sent upward."""

from datetime import date

from pcmt_desktop.gui.backup.names import (
    ascii_words,
    default_backup_name,
    office_short_name,
    with_backup_suffix,
)
from pcmt_desktop.services.office import OfficeInfo


def office(name: str, place: str = "") -> OfficeInfo:
    return OfficeInfo(
        name=name, level="Huyện", parent_name="", sub_area_label="xã", place_name=place
    )


def test_the_place_names_the_file_without_accents() -> None:
    son_ha = office("Công an huyện Sơn Hà", "Sơn Hà")
    assert default_backup_name(son_ha, date(2026, 11, 23)) == "PCMT_SonHa_2026-11-23.pcmtbk"


def test_without_a_place_the_name_loses_its_police_prefix() -> None:
    assert office_short_name(office("Công an xã Đắk Ơ")) == "XaDakO"
    assert office_short_name(office("CÔNG AN phường Đông")) == "PhuongDong"


def test_an_office_not_set_up_gets_a_neutral_name() -> None:
    assert office_short_name(None) == "DonVi"
    assert office_short_name(office("Công an", "")) == "DonVi"
    assert ascii_words("Ngô Đồng — 2") == ["Ngo", "Dong", "2"]


def test_the_suffix_is_added_when_left_out() -> None:
    assert with_backup_suffix("/tmp/son-ha").name == "son-ha.pcmtbk"
    assert with_backup_suffix("/tmp/son-ha.PCMTBK").name == "son-ha.PCMTBK"
