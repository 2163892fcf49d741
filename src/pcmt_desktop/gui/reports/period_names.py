"""Keeping the narrative's names of the period in step with the chosen preset.

The "sơ kết" template names its period ("6 tháng đầu năm 2026") and the next one ("6
tháng cuối năm 2026") in two narrative fields, and the starting text comes from the last
report, whose period is another. So when a preset is chosen, a name the officer did not
write is replaced: the period's own name is filled in, and the next period's name is
emptied, which makes the document name it from the period (docx_context's default).
A name the officer typed is never touched.
"""

from pcmt_desktop.domain.report_periods import PresetKind, ReportPeriod, period_title
from pcmt_desktop.gui.reports.narrative_form import NarrativeForm

PERIOD_NAME_FIELD = "ky_bao_cao"
NEXT_PERIOD_FIELD = "ky_tiep_theo"
NEXT_PERIOD_HINT = "Để trống: báo cáo tự ghi kỳ tới theo kỳ báo cáo đã chọn"


class PeriodNames:
    def __init__(self, narrative: NarrativeForm) -> None:
        self._narrative = narrative
        self._suggested: dict[str, str] = {}

    def template_shown(self) -> None:
        """A template's fields were laid out afresh: nothing in them is a suggestion yet."""
        self._suggested = {}
        if self._narrative.has(NEXT_PERIOD_FIELD):
            self._narrative.edit(NEXT_PERIOD_FIELD).setPlaceholderText(NEXT_PERIOD_HINT)

    def preset_chosen(self, kind: PresetKind, period: ReportPeriod) -> None:
        self._suggest(PERIOD_NAME_FIELD, period_title(kind, period))
        self._suggest(NEXT_PERIOD_FIELD, "")

    def _suggest(self, key: str, text: str) -> None:
        narrative = self._narrative
        if not narrative.has(key):
            return
        untouched = {"", narrative.loaded_value(key), self._suggested.get(key, "")}
        if narrative.value(key) not in untouched:
            return
        self._suggested[key] = text
        narrative.set_value(key, text, as_loaded=True)
