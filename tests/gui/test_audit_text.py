"""The audit trail's words: a label for every audited column, values as the officer writes."""

from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import inspect

from pcmt_desktop.gui.widgets.audit_text import (
    BOOKKEEPING_KEYS,
    ENTITY_FIELDS,
    AuditFormatter,
)
from pcmt_desktop.services.audit import AuditRecord
from pcmt_desktop.services.history_kinds import KIND_SPECS
from pcmt_desktop.store import models

AUDITED_MODELS: dict[str, type[object]] = {
    "person": models.Person,
    **{kind.value: spec.model for kind, spec in KIND_SPECS.items()},
    "drug_test": models.DrugTest,
    "dossier": models.Dossier,
    "dossier_step": models.DossierStep,
    "hotspot": models.Hotspot,
    "hotspot_status": models.HotspotStatus,
    "plant_seizure": models.PlantSeizure,
    "drug_case": models.DrugCase,
    "phase": models.Phase,
    "office": models.Office,
    "sub_area": models.SubArea,
    "legal_rule": models.LegalRule,
}


class Names:
    def person(self, person_id: int) -> str | None:
        return {7: "Hoàng Văn Lợi"}.get(person_id)

    def sub_area(self, sub_area_id: int) -> str | None:
        return {1: "Thôn Đông"}.get(sub_area_id)

    def hotspot(self, hotspot_id: int) -> str | None:
        return {3: "Karaoke Sông Quê"}.get(hotspot_id)


def entry(
    entity: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    action: str = "sua",
) -> AuditRecord:
    return AuditRecord(
        datetime(2026, 11, 23, 9, 30), "cb", action, entity, 1, "Tóm tắt", before, after
    )


def lines(record: AuditRecord) -> list[str]:
    return AuditFormatter(Names()).details(record).splitlines()[1:]


@pytest.mark.parametrize("entity", sorted(AUDITED_MODELS))
def test_every_audited_column_has_a_vietnamese_label_or_is_bookkeeping(entity: str) -> None:
    fields = ENTITY_FIELDS[entity]
    columns = {column.key for column in inspect(AUDITED_MODELS[entity]).column_attrs}
    unlabelled = columns - set(fields.labels) - BOOKKEEPING_KEYS - fields.hidden
    assert unlabelled == set()


def test_days_yes_no_money_and_keys_read_as_the_officer_writes_them() -> None:
    created = entry(
        "list_stay",
        None,
        {"id": 4, "person_id": 7, "list_key": "nghi_su_dung", "start_date": "2026-03-05"},
        action="tao",
    )
    assert lines(created) == ["Đưa vào ngày: 05/03/2026", "Diện: Nghi sử dụng"]
    seizure = entry(
        "plant_seizure",
        {"fine_vnd": 7500000, "expert_exam": False, "sub_area_id": 1, "area_m2": 1500.5},
        {"fine_vnd": 12000000, "expert_exam": True, "sub_area_id": 9, "area_m2": 1500.5},
    )
    assert lines(seizure) == [
        "Địa bàn: Thôn Đông → địa bàn số 9",
        "Tiền phạt (đồng): 7.500.000 → 12.000.000",
        "Trưng cầu giám định: Không → Có",
    ]
    rule = entry(
        "legal_rule",
        None,
        {"key": "fine_use_min_vnd", "effective_from": "2022-01-01", "value": 1500000},
        action="tao",
    )
    assert lines(rule) == [
        "Quy định: Mức phạt sử dụng trái phép chất ma túy, tối thiểu (đồng)",
        "Áp dụng từ ngày: 01/01/2022",
        "Giá trị: 1.500.000",
    ]


def test_a_retail_seller_names_its_hotspot_and_its_person() -> None:
    link = entry(
        "retail_seller",
        None,
        {"id": 2, "person_id": 7, "hotspot_id": 3, "start_date": "2026-09-05", "end_date": None},
        action="tao",
    )
    assert lines(link) == [
        "Đối tượng: Hoàng Văn Lợi",
        "Điểm: Karaoke Sông Quê",
        "Từ ngày: 05/09/2026",
    ]
    gone = entry("retail_seller", {"hotspot_id": 5}, {"hotspot_id": None})
    assert lines(gone) == ["Điểm: điểm mã 5 → —"]


def test_lists_inside_a_record_read_as_one_line() -> None:
    dossier = entry(
        "dossier",
        {
            "person_id": 7,
            "found_on": "2026-10-01",
            "steps": [{"id": 1, "dossier_id": 1, "step": "lap_ho_so", "step_date": "2026-10-02"}],
        },
        None,
        action="xoa",
    )
    assert lines(dossier) == [
        "Đối tượng: Hoàng Văn Lợi",
        "Ngày phát hiện: 01/10/2026",
        "Các bước: Lập hồ sơ 02/10/2026",
    ]
    hotspot = entry(
        "hotspot",
        {"statuses": [{"status": "dang_dau_tranh", "status_date": "2026-05-01"}]},
        None,
        action="xoa",
    )
    assert lines(hotspot) == ["Các tình trạng: Đang đấu tranh từ 01/05/2026"]


def test_the_headline_says_the_action_unless_the_summary_does() -> None:
    record = entry("drug_test", {"positive": False}, {"positive": True})
    assert AuditFormatter().details(record).splitlines() == [
        "Sửa: Tóm tắt",
        "Kết quả: Âm tính → Dương tính",
    ]
    assert AuditFormatter(action_in_headline=False).headline(record) == "Tóm tắt"


def test_an_added_record_leaves_out_what_is_not_there() -> None:
    test = entry(
        "drug_test",
        None,
        {"person_id": 7, "positive": True, "heroin": True, "mdma": False, "other": False},
        action="tao",
    )
    assert lines(test) == ["Đối tượng: Hoàng Văn Lợi", "Kết quả: Dương tính", "Heroin/Morphine: Có"]
    seizure = entry(
        "plant_seizure",
        None,
        {"ownerless": True, "opium_plants": 1109, "cannabis_plants": 0, "area_m2": 0.0},
        action="tao",
    )
    assert lines(seizure) == ["Vô chủ: Có", "Số cây thuốc phiện: 1.109"]
