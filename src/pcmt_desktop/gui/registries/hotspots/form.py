"""The dialog that enters a hotspot or edits one; messages appear beside their fields.

The fight period starts as the law's period on the entry day and follows that day while
the officer has not typed another value.
"""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.domain.hotspots import MAX_FIGHT_MONTHS, HotspotKind
from pcmt_desktop.gui.messages import show_refusal
from pcmt_desktop.gui.registries.persons.form import sub_area_field_label
from pcmt_desktop.gui.widgets.date_field import DateEdit
from pcmt_desktop.gui.widgets.field_form import FieldForm
from pcmt_desktop.services.hotspots import HotspotInput
from pcmt_desktop.services.legal import MissingRuleError
from pcmt_desktop.services.registry import Services

NO_CHOICE = "—"


class HotspotFormDialog(QDialog):
    """Add a hotspot (``hotspot_id`` None) or edit one; ``saved`` carries its id."""

    saved = Signal(int)

    def __init__(
        self, services: Services, hotspot_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._hotspot_id = hotspot_id
        self.saved_id: int | None = None
        self._months_typed = False
        self._build_fields()

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton("Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

        if hotspot_id is None:
            self.setWindowTitle("Thêm điểm, tụ điểm phức tạp về ma túy")
            self._follow_law()
        else:
            self._load(hotspot_id)
        self.entered_on.dateChanged.connect(self._follow_law)
        self.fight_months.valueChanged.connect(self._on_months_typed)
        self.name.setFocus()

    def _build_fields(self) -> None:
        services = self._services
        self.form = FieldForm(self)
        self.kind = QComboBox(self)
        for kind in HotspotKind:
            self.kind.addItem(kind.label, kind.value)
        self.in_business = QCheckBox("Trong cơ sở kinh doanh có điều kiện về ANTT", self)
        self.in_business.setToolTip("Ví dụ: karaoke, nhà nghỉ, quán bar, cơ sở massage")
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.name.setPlaceholderText("Ví dụ: Karaoke Hoa Sen, hoặc nhà của người chứa chấp")
        self.address = QLineEdit(self)
        self.address.setMaxLength(300)
        self.sub_area = QComboBox(self)
        self.sub_area.addItem(NO_CHOICE, None)
        for area in services.office.sub_areas():
            self.sub_area.addItem(area.name, area.id)
        self.entered_on = DateEdit(services.context.today(), self)
        self.fight_months = QSpinBox(self)
        self.fight_months.setRange(1, MAX_FIGHT_MONTHS)
        self.fight_months.setSuffix(" tháng")
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(64)

        self.form.add_field("kind", "Loại", self.kind, required=True)
        self.form.add_field("in_business", "Cơ sở kinh doanh", self.in_business)
        self.form.add_field("name", "Tên điểm, tụ điểm", self.name, required=True)
        self.form.add_field("address", "Địa chỉ", self.address)
        self.form.add_field(
            "sub_area_id", sub_area_field_label(services), self.sub_area, required=True
        )
        self.form.add_field("entered_on", "Ngày đưa vào", self.entered_on, required=True)
        self.form.add_field("fight_months", "Thời gian đấu tranh", self.fight_months, required=True)
        self.form.add_field("note", "Ghi chú", self.note)

    def _load(self, hotspot_id: int) -> None:
        record = self._services.hotspots.get(hotspot_id)
        self.setWindowTitle(f"Sửa điểm — {record.name}")
        self.kind.setCurrentIndex(max(0, self.kind.findData(record.kind.value)))
        self.in_business.setChecked(record.in_business)
        self.name.setText(record.name)
        self.address.setText(record.address)
        self.sub_area.setCurrentIndex(max(0, self.sub_area.findData(record.sub_area_id)))
        self.entered_on.set_day(record.entered_on)
        self.fight_months.setValue(record.fight_months)
        self.note.setPlainText(record.note)
        # An existing hotspot keeps its own period: moving its entry day changes nothing.
        self._months_typed = True

    def _follow_law(self) -> None:
        if self._months_typed:
            return
        try:
            months = self._services.hotspots.default_fight_months(self.entered_on.day())
        except MissingRuleError:
            return
        self.fight_months.blockSignals(True)
        self.fight_months.setValue(months)
        self.fight_months.blockSignals(False)

    def _on_months_typed(self) -> None:
        self._months_typed = True

    def hotspot_input(self) -> HotspotInput:
        sub_area_id = self.sub_area.currentData()
        return HotspotInput(
            kind=str(self.kind.currentData()),
            name=self.name.text(),
            entered_on=self.entered_on.day(),
            sub_area_id=sub_area_id if isinstance(sub_area_id, int) else None,
            in_business=self.in_business.isChecked(),
            address=self.address.text(),
            fight_months=self.fight_months.value(),
            note=self.note.toPlainText(),
        )

    def save(self) -> bool:
        self.form.clear_errors()
        data = self.hotspot_input()
        hotspots = self._services.hotspots
        try:
            if self._hotspot_id is None:
                record = hotspots.add(data)
            else:
                record = hotspots.edit(self._hotspot_id, data)
        except ValidationError as error:
            self.form.show_problems(error.problems)
            return False
        except Exception as error:  # any failure: say so, keep the officer's input
            show_refusal(self, "Không lưu được điểm", error)
            return False
        self.saved_id = record.id
        self.saved.emit(record.id)
        self.accept()
        return True
