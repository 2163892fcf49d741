"""The kinds of record the audit trail names, in the officer's words.

The trail stores a short key per row (``drug_test``, ``app_user`` …); the tab's record
filter and its export say what each is. A key this version does not know shows as is.
"""

from pcmt_desktop.auth.accounts import APP_USER, ROLE
from pcmt_desktop.reports.kept_reports import REPORT
from pcmt_desktop.reports.office_templates import REPORT_TEMPLATE
from pcmt_desktop.services.audit import EVENT
from pcmt_desktop.services.cases import DRUG_CASE
from pcmt_desktop.services.changes import Entity
from pcmt_desktop.services.dossiers import DOSSIER, DOSSIER_STEP
from pcmt_desktop.services.drug_tests import DRUG_TEST_ENTITY
from pcmt_desktop.services.history_kinds import KIND_SPECS
from pcmt_desktop.services.hotspots import HOTSPOT, HOTSPOT_STATUS
from pcmt_desktop.services.plant_seizures import PLANT_SEIZURE
from pcmt_desktop.services.targets import PHASE, TARGET

ENTITY_LABELS: dict[str, str] = {
    Entity.PERSON: "Đối tượng",
    **{kind.value: spec.label for kind, spec in KIND_SPECS.items()},
    DRUG_TEST_ENTITY: "Test ma túy",
    DOSSIER: "Hồ sơ CNBB",
    DOSSIER_STEP: "Bước của hồ sơ CNBB",
    HOTSPOT: "Điểm, tụ điểm",
    HOTSPOT_STATUS: "Tình trạng điểm, tụ điểm",
    PLANT_SEIZURE: "Phá nhổ cây",
    DRUG_CASE: "Vụ việc",
    PHASE: "Giai đoạn (chỉ tiêu)",
    TARGET: "Chỉ tiêu",
    Entity.OFFICE: "Đơn vị",
    Entity.SUB_AREA: "Địa bàn",
    "legal_rule": "Quy định pháp luật",
    REPORT: "Báo cáo đã lập",
    REPORT_TEMPLATE: "Mẫu báo cáo riêng",
    APP_USER: "Tài khoản người dùng",
    ROLE: "Vai trò",
    EVENT: "Sự kiện (xuất, sao lưu, xem hồ sơ…)",
}


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


def record_text(entity: str, entity_id: int | None) -> str:
    """“Test ma túy số 12”; a row about no record in particular says only its kind."""
    label = entity_label(entity)
    return label if entity_id is None else f"{label} số {entity_id}"
