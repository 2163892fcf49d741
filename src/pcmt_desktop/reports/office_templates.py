"""Word templates an office made its own: a copy of a built-in template edited in Word.

The copy's bytes are kept in the database (they travel in the backup file with the rest),
registered under a name of the office's choosing and rendered like a built-in one, with
the narrative fields of the template it was copied from.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import FieldProblem, ValidationError
from pcmt_desktop.reports.template_catalog import (
    BUILTIN_TEMPLATES,
    builtin_template,
    template_path,
)
from pcmt_desktop.services import audit
from pcmt_desktop.services.changes import Changes
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.models import ReportTemplate

REPORT_TEMPLATE = "report_template"
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{1,40}")
# A Word file of a báo cáo is some tens of KiB; a larger one is not a template.
MAX_TEMPLATE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class TemplateChoice:
    name: str
    title: str
    base_name: str
    builtin: bool

    @property
    def label(self) -> str:
        return self.title if self.builtin else f"{self.title} (mẫu riêng của đơn vị)"


def builtin_choices() -> list[TemplateChoice]:
    return [TemplateChoice(spec.name, spec.title, spec.name, True) for spec in BUILTIN_TEMPLATES]


class OfficeTemplates:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def choices(self) -> list[TemplateChoice]:
        """Built-in templates first, then the office's own by name."""
        with self._context.reading() as session:
            own = session.execute(
                select(
                    ReportTemplate.name, ReportTemplate.title, ReportTemplate.base_name
                ).order_by(ReportTemplate.name)
            ).all()
        return [
            *builtin_choices(),
            *(TemplateChoice(name, title, base, False) for name, title, base in own),
        ]

    def choice(self, name: str) -> TemplateChoice:
        for choice in self.choices():
            if choice.name == name:
                return choice
        known = ", ".join(choice.name for choice in self.choices())
        raise ValidationError.single(
            "template", f"Không có mẫu báo cáo “{name}” (các mẫu hiện có: {known})."
        )

    def write_file(self, name: str, folder: Path) -> Path:
        """The template's .docx on disk: the bundled file, or the office's copy written out."""
        choice = self.choice(name)
        if choice.builtin:
            return template_path(name)
        with self._context.reading() as session:
            content = session.scalar(
                select(ReportTemplate.content).where(ReportTemplate.name == name)
            )
        target = folder / f"{name}.docx"
        target.write_bytes(content or b"")
        return target

    def register(self, name: str, title: str, base_name: str, source: Path) -> TemplateChoice:
        """Check ``source`` renders (its tags are known), then keep it under ``name``.

        Raises:
            ValidationError: a bad name, an unknown base, or the file's problems, in Vietnamese.
        """
        self._context.require(Permission.REPORTS)
        name = name.strip().lower()
        title = title.strip()
        problems = self._name_problems(name, title, base_name)
        if not problems:
            problems = [FieldProblem("file", text) for text in _file_problems(source, base_name)]
        if problems:
            raise ValidationError(problems)
        content = source.read_bytes()
        with self._context.unit_of_work() as session:
            row = ReportTemplate(
                name=name,
                title=title,
                base_name=base_name,
                content=content,
                created_at=self._context.now(),
            )
            session.add(row)
            session.flush()
            audit.record(
                self._context,
                session,
                action=audit.Action.CREATE,
                entity=REPORT_TEMPLATE,
                entity_id=row.id,
                person_id=None,
                summary=f"Đăng ký mẫu báo cáo riêng “{title}” ({name}, từ mẫu {base_name})",
                before=None,
                after={"name": name, "title": title, "base_name": base_name, "bytes": len(content)},
            )
        self._context.bus.publish(Changes(frozenset({REPORT_TEMPLATE})))
        return TemplateChoice(name, title, base_name, False)

    def remove(self, name: str) -> None:
        self._context.require(Permission.REPORTS)
        choice = self.choice(name)
        if choice.builtin:
            raise ValidationError.single("template", "Không xóa được mẫu có sẵn của chương trình.")
        with self._context.unit_of_work() as session:
            row_id = session.scalar(select(ReportTemplate.id).where(ReportTemplate.name == name))
            session.execute(delete(ReportTemplate).where(ReportTemplate.name == name))
            audit.record(
                self._context,
                session,
                action=audit.Action.DELETE,
                entity=REPORT_TEMPLATE,
                entity_id=row_id,
                person_id=None,
                summary=f"Xóa mẫu báo cáo riêng “{choice.title}” ({name})",
                before={"name": name, "title": choice.title, "base_name": choice.base_name},
                after=None,
            )
        self._context.bus.publish(Changes(frozenset({REPORT_TEMPLATE})))

    def _name_problems(self, name: str, title: str, base_name: str) -> list[FieldProblem]:
        problems = []
        if not NAME_PATTERN.fullmatch(name):
            problems.append(
                FieldProblem(
                    "name",
                    "Tên mẫu chỉ gồm chữ thường không dấu, chữ số và dấu “-”, "
                    f"từ 2 đến 41 ký tự (ví dụ: so-ket-xa); đã nhập “{name}”.",
                )
            )
        elif name in {choice.name for choice in self.choices()}:
            problems.append(FieldProblem("name", f"Đã có mẫu báo cáo tên “{name}”."))
        if not title:
            problems.append(FieldProblem("title", "Chưa nhập tên hiển thị của mẫu."))
        if base_name not in {spec.name for spec in BUILTIN_TEMPLATES}:
            problems.append(
                FieldProblem("base_name", f"Mẫu gốc “{base_name}” không phải mẫu có sẵn.")
            )
        return problems


def _file_problems(source: Path, base_name: str) -> list[str]:
    if not source.is_file():
        return [f"Không tìm thấy tệp {source}."]
    if source.suffix.lower() != ".docx":
        return [f"Mẫu báo cáo phải là tệp Word .docx (đã chọn: {source.name})."]
    if source.stat().st_size > MAX_TEMPLATE_BYTES:
        return [f"Tệp {source.name} quá lớn để là một mẫu báo cáo (trên 10 MB)."]
    # Jinja is imported here, not with the module: the window imports this one at start.
    from pcmt_desktop.reports.docx_render import check_template

    # The base's narrative fields are the copy's: a misspelt n.<field> is caught here.
    return check_template(source, builtin_template(base_name))
