"""The office and its sub-areas: set-up, validation, and the refusals that write nothing."""

from datetime import date

import pytest

from pcmt_desktop.domain.errors import NotFoundError
from pcmt_desktop.services.changes import Entity
from pcmt_desktop.services.hotspots import HotspotInput
from pcmt_desktop.services.office import OfficeInfo, SubAreaInput
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from tests.conftest import SUB_AREA_NAMES
from tests.services.support import expect_refusal, expect_write

INFO = OfficeInfo(
    name="  Công an   phường Ví Dụ ",
    level="Phường",
    parent_name="Công an tỉnh Mẫu",
    sub_area_label="thôn, tổ dân phố",
    place_name="Ví Dụ",
)


def test_set_up_stores_the_office_and_its_sub_areas_in_order(bare_services: Services) -> None:
    assert not bare_services.office.is_configured()
    areas = [SubAreaInput(" Tổ dân phố  Số 1 ", 2300), SubAreaInput("Thôn Hạ", None)]
    with expect_write(bare_services, {Entity.OFFICE, Entity.SUB_AREA}, audit_rows=3) as written:
        bare_services.office.set_up(INFO, areas)
    office = bare_services.office.office()
    assert office == OfficeInfo(
        name="Công an phường Ví Dụ",
        level="Phường",
        parent_name="Công an tỉnh Mẫu",
        sub_area_label="thôn, tổ dân phố",
        place_name="Ví Dụ",
    )
    assert [(a.name, a.population, a.position) for a in bare_services.office.sub_areas()] == [
        ("Tổ dân phố Số 1", 2300, 0),
        ("Thôn Hạ", None, 1),
    ]
    assert [(entry.action, entry.entity) for entry in written.audit] == [
        ("tao", "office"),
        ("tao", "sub_area"),
        ("tao", "sub_area"),
    ]
    assert written.audit[0].before is None
    assert written.audit[0].after is not None
    assert written.audit[0].after["name"] == "Công an phường Ví Dụ"
    assert written.audit[2].after is not None
    assert written.audit[2].after["name_folded"] == "thon ha"


@pytest.mark.parametrize(
    ("info", "areas", "messages"),
    [
        (
            OfficeInfo(name="  ", level="Xã", parent_name="", sub_area_label="thôn"),
            [SubAreaInput("Thôn Một")],
            ["Chưa nhập tên đơn vị."],
        ),
        (
            OfficeInfo(name="Công an xã A", level="", parent_name="", sub_area_label=""),
            [SubAreaInput("Thôn Một")],
            ["Chưa nhập cấp của đơn vị.", "Chưa nhập tên gọi địa bàn."],
        ),
        (INFO, [], ["Cần ít nhất một địa bàn."]),
        (
            INFO,
            [SubAreaInput("Thôn Đông"), SubAreaInput("thon  dong")],
            ["Địa bàn “thon dong” bị trùng."],
        ),
        (
            INFO,
            [SubAreaInput("Thôn Đông", 10), SubAreaInput("Thôn Tây", -1)],
            ["Số nhân khẩu không được âm (dòng 2)."],
        ),
        (
            INFO,
            [SubAreaInput("Thôn Đông"), SubAreaInput("  ")],
            ["Chưa nhập tên địa bàn (dòng 2)."],
        ),
    ],
    ids=["empty-name", "empty-level-and-label", "no-area", "duplicate-area", "negative", "blank"],
)
def test_set_up_refusals_write_nothing(
    bare_services: Services, info: OfficeInfo, areas: list[SubAreaInput], messages: list[str]
) -> None:
    with expect_refusal(bare_services, *messages):
        bare_services.office.set_up(info, areas)
    assert bare_services.office.office() is None
    assert bare_services.office.sub_areas() == []


def test_set_up_twice_is_refused(services: Services) -> None:
    with expect_refusal(services, "Đơn vị đã được thiết lập."):
        services.office.set_up(INFO, [SubAreaInput("Thôn Mới")])


def test_update_office_audits_before_and_after(services: Services) -> None:
    with expect_write(services, {Entity.OFFICE}) as written:
        services.office.update_office(INFO)
    office = services.office.office()
    assert office is not None
    assert office.name == "Công an phường Ví Dụ"
    (entry,) = written.audit
    assert entry.action == "sua"
    assert entry.before is not None
    assert entry.after is not None
    assert entry.before["name"] == "Công an xã Thử Nghiệm"
    assert entry.after["name"] == "Công an phường Ví Dụ"


def test_update_office_that_changes_nothing_leaves_no_audit(services: Services) -> None:
    office = services.office.office()
    assert office is not None
    with expect_write(services, {Entity.OFFICE}, audit_rows=0):
        services.office.update_office(office)


def test_update_office_refuses_an_empty_name(services: Services) -> None:
    office = services.office.office()
    assert office is not None
    with expect_refusal(services, "Chưa nhập tên đơn vị."):
        services.office.update_office(
            OfficeInfo("", office.level, office.parent_name, office.sub_area_label)
        )


def test_update_office_before_set_up_is_not_found(bare_services: Services) -> None:
    with pytest.raises(NotFoundError, match="Đơn vị chưa được thiết lập"):
        bare_services.office.update_office(INFO)


def test_add_sub_area_goes_last(services: Services) -> None:
    with expect_write(services, {Entity.SUB_AREA}) as written:
        added = services.office.add_sub_area(SubAreaInput(" Bản  Mới ", 75))
    assert (added.name, added.population, added.position) == ("Bản Mới", 75, 4)
    assert services.office.sub_areas()[-1] == added
    assert written.audit[0].entity_id == added.id


def test_add_sub_area_on_a_bare_office_starts_at_zero(bare_services: Services) -> None:
    assert bare_services.office.add_sub_area(SubAreaInput("Thôn Đầu")).position == 0
    assert bare_services.office.add_sub_area(SubAreaInput("Thôn Hai")).position == 1


@pytest.mark.parametrize("name", ["thôn đông", "THON DONG", "Thôn  Đông "])
def test_add_sub_area_refuses_a_name_that_differs_only_by_accents(
    services: Services, name: str
) -> None:
    with expect_refusal(services, f"Địa bàn “{' '.join(name.split())}” đã có."):
        services.office.add_sub_area(SubAreaInput(name))


def test_add_sub_area_refuses_a_negative_population(services: Services) -> None:
    with expect_refusal(services, "Số nhân khẩu không được âm."):
        services.office.add_sub_area(SubAreaInput("Thôn Mới", -5))


def test_update_sub_area_renames_and_may_change_its_own_accents(services: Services) -> None:
    first = services.office.sub_areas()[0]
    with expect_write(services, {Entity.SUB_AREA, Entity.PERSON}) as written:
        updated = services.office.update_sub_area(first.id, SubAreaInput("THÔN ĐÔNG", 999))
    assert (updated.name, updated.population, updated.position) == ("THÔN ĐÔNG", 999, 0)
    (entry,) = written.audit
    assert entry.before is not None
    assert entry.after is not None
    assert (entry.before["name"], entry.after["name"]) == ("Thôn Đông", "THÔN ĐÔNG")


def test_update_sub_area_that_changes_nothing_leaves_no_audit(services: Services) -> None:
    first = services.office.sub_areas()[0]
    with expect_write(services, {Entity.SUB_AREA, Entity.PERSON}, audit_rows=0):
        services.office.update_sub_area(first.id, SubAreaInput(first.name, first.population))


def test_update_sub_area_refuses_another_areas_name(services: Services) -> None:
    first, second = services.office.sub_areas()[:2]
    with expect_refusal(services, "Địa bàn “Thon Doai” đã có."):
        services.office.update_sub_area(first.id, SubAreaInput("Thon Doai"))
    assert second.name == SUB_AREA_NAMES[1]


def test_update_and_remove_of_a_missing_sub_area_are_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError, match="Không tìm thấy địa bàn số 999"):
        services.office.update_sub_area(999, SubAreaInput("Thôn X"))
    with pytest.raises(NotFoundError, match="Không tìm thấy địa bàn số 999"):
        services.office.remove_sub_area(999)


def test_remove_sub_area_is_refused_while_persons_use_it(services: Services) -> None:
    area = services.office.sub_areas()[0]
    other = services.office.sub_areas()[1]
    first = services.persons.add(PersonInput("Trịnh Văn Khải", sub_area_id=area.id))
    services.persons.add(PersonInput("Vương Thị Ngát", sub_area_id=area.id))
    with expect_refusal(
        services, "Không thể xóa địa bàn “Thôn Đông”: còn 2 đối tượng thuộc địa bàn này."
    ):
        services.office.remove_sub_area(area.id)
    services.persons.delete(first.id)
    with expect_refusal(
        services, "Không thể xóa địa bàn “Thôn Đông”: còn 1 đối tượng thuộc địa bàn này."
    ):
        services.office.remove_sub_area(area.id)
    # Once nobody lives there any more it can go.
    (second,) = services.persons.find("vuong thi ngat")
    services.persons.edit(second.id, PersonInput("Vương Thị Ngát", sub_area_id=other.id))
    with expect_write(services, {Entity.SUB_AREA}) as written:
        services.office.remove_sub_area(area.id)
    assert [a.name for a in services.office.sub_areas()] == list(SUB_AREA_NAMES[1:])
    (entry,) = written.audit
    assert (entry.action, entry.after) == ("xoa", None)
    assert entry.before is not None
    assert entry.before["name"] == "Thôn Đông"


def test_remove_sub_area_is_refused_while_a_hotspot_names_it(services: Services) -> None:
    """Not only persons: a hotspot's foreign key would otherwise fail without a message."""
    area = services.office.sub_areas()[1]
    services.hotspots.add(
        HotspotInput(
            kind="diem_phuc_tap",
            name="Quán nước ven sông",
            entered_on=date(2026, 9, 1),
            sub_area_id=area.id,
        )
    )
    with expect_refusal(
        services,
        f"Không thể xóa địa bàn “{area.name}”: còn 1 điểm, tụ điểm thuộc địa bàn này.",
    ):
        services.office.remove_sub_area(area.id)
