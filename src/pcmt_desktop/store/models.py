"""The database schema as typed SQLAlchemy models.

Histories are rows with a start and an optional end (half-open, see domain.periods), never
a "current status" field: every figure of a report is a question about a date.
"""

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

# Named constraints let alembic's batch mode find them again on SQLite.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Office(Base):
    """The one office this database belongs to (row id 1)."""

    __tablename__ = "office"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(50))
    parent_name: Mapped[str] = mapped_column(String(200), default="")
    sub_area_label: Mapped[str] = mapped_column(String(100))
    place_name: Mapped[str] = mapped_column(String(100), default="")


class SubArea(Base):
    """A sub-area of the office (địa bàn): a commune, a village, a residential group."""

    __tablename__ = "sub_area"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_folded: Mapped[str] = mapped_column(String(200), unique=True)
    population: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # QĐ 28/2025 criterion (đ): lying on a key drug route is an officer's judgement.
    on_key_route: Mapped[bool] = mapped_column(default=False)


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    # Folded (no accents, lower case) copies, written with the row, for search and sort.
    name_folded: Mapped[str] = mapped_column(String(200))
    search_text: Mapped[str] = mapped_column(Text)
    gender: Mapped[str | None] = mapped_column(String(10))
    birth_year: Mapped[int | None] = mapped_column(Integer)
    birth_date: Mapped[date | None] = mapped_column(Date)
    cccd: Mapped[str | None] = mapped_column(String(12), unique=True)
    sub_area_id: Mapped[int | None] = mapped_column(ForeignKey("sub_area.id"), index=True)
    village: Mapped[str] = mapped_column(String(200), default="")
    permanent_address: Mapped[str] = mapped_column(String(300), default="")
    current_address: Mapped[str] = mapped_column(String(300), default="")
    occupation: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    sub_area: Mapped[SubArea | None] = relationship(lazy="joined")


# The report joins hundreds of thousands of rows to their person only to learn the
# sub-area: this index answers that without reading the wide person rows (migration 0005).
Index("ix_person_id_sub_area", Person.id, Person.sub_area_id)
# The probable duplicates (same folded name, birth year and sub-area) are grouped straight
# from this index, without a sort (migration 0006); it also serves the search by name.
Index("ix_person_name_birth_sub_area", Person.name_folded, Person.birth_year, Person.sub_area_id)


class PersonPeriod:
    """Columns shared by every dated fact about a person."""

    id: Mapped[int] = mapped_column(primary_key=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    @declared_attr
    def person_id(cls) -> Mapped[int]:  # noqa: N805 - SQLAlchemy passes the class
        return mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)

    @declared_attr.directive
    def __table_args__(cls) -> tuple[CheckConstraint, ...]:  # noqa: N805
        return (
            CheckConstraint("end_date IS NULL OR end_date >= start_date", name="end_after_start"),
        )


class ListStay(PersonPeriod, Base):
    """One stay of a person on one management list."""

    __tablename__ = "list_stay"

    list_key: Mapped[str] = mapped_column(String(20))
    # The end the management decision fixed, when it differs from the law's period.
    due_date: Mapped[date | None] = mapped_column(Date)
    start_reason: Mapped[str] = mapped_column(String(200), default="")
    end_reason: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")


# Covering the report's four counts (migration 0005): read from the index alone.
Index(
    "ix_list_stay_list_start_end_person",
    ListStay.list_key,
    ListStay.start_date,
    ListStay.end_date,
    ListStay.person_id,
)
Index("ix_list_stay_list_end", ListStay.list_key, ListStay.end_date)


class AddictLocationStay(PersonPeriod, Base):
    """Where an addict is (community or facility) over a range of days."""

    __tablename__ = "addict_location_stay"

    location: Mapped[str] = mapped_column(String(20))
    facility: Mapped[str] = mapped_column(String(200), default="")


class SubstitutionTreatment(PersonPeriod, Base):
    """Methadone or other substitution treatment (điều trị thay thế)."""

    __tablename__ = "substitution_treatment"

    facility: Mapped[str] = mapped_column(String(200), default="")


class Surveillance(PersonPeriod, Base):
    """A surveillance file (sưu tra, hiềm nghi): opened on start, closed on end."""

    __tablename__ = "surveillance"

    category: Mapped[str] = mapped_column(String(5))
    surveillance_class: Mapped[str] = mapped_column(String(1))
    note: Mapped[str] = mapped_column(Text, default="")


# Files opened in a period (the report, the targets' actuals), migration 0005.
Index("ix_surveillance_start_date", Surveillance.start_date)


class RetailSellerRole(PersonPeriod, Base):
    """A period in which the person is known as a retail seller (đối tượng bán lẻ)."""

    __tablename__ = "retail_seller_role"

    place_note: Mapped[str] = mapped_column(String(300), default="")
    # The hotspot the seller works from, when known.
    hotspot_id: Mapped[int | None] = mapped_column(
        ForeignKey("hotspot.id", ondelete="SET NULL"), index=True
    )


class CustodyStay(PersonPeriod, Base):
    """A period in a prison, compulsory-education facility or reformatory."""

    __tablename__ = "custody_stay"

    kind: Mapped[str] = mapped_column(String(40))
    place: Mapped[str] = mapped_column(String(200), default="")


class AuditEntry(Base):
    """Who did what and when, with the values before and after (JSON)."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user_name: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    person_id: Mapped[int | None] = mapped_column(Integer, index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    before_json: Mapped[str | None] = mapped_column(Text)
    after_json: Mapped[str | None] = mapped_column(Text)
    # The hash chain (services.audit_chain): each row's hash covers its content and the
    # previous row's hash, so an edit or a deletion outside the program shows.
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))


Index("ix_audit_entry_entity", AuditEntry.entity, AuditEntry.entity_id)


class AuditChainHead(Base):
    """The last audit row's id and hash (one row, id 1), written with every audit row.

    Deleting the newest audit rows leaves an intact but shorter chain; this copy of its
    end is what shows the truncation.
    """

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


class Role(Base):
    """A role (vai trò): a named set of permissions that an administrator may edit."""

    __tablename__ = "role"

    key: Mapped[str] = mapped_column(String(30), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


class RolePermission(Base):
    """One permission (auth.permissions.Permission value) of one role."""

    __tablename__ = "role_permission"

    role_key: Mapped[str] = mapped_column(
        ForeignKey("role.key", ondelete="CASCADE"), primary_key=True
    )
    permission: Mapped[str] = mapped_column(String(40), primary_key=True)


class AppUser(Base):
    """A login: an Argon2id hash of the password, never the password itself."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_name: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role_key: Mapped[str] = mapped_column(ForeignKey("role.key"), index=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # Failed logins in a row and the delay they earned; kept in the row so that restarting
    # the program does not reset them.
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)


class LegalRule(Base):
    """A number the law fixes (a period, a limit, a fine), with the day it takes effect.

    The rule in force on a day is the row of its key with the latest ``effective_from``
    on or before that day; a new law is a new row, never an edit of code.
    """

    __tablename__ = "legal_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60))
    effective_from: Mapped[date] = mapped_column(Date)
    value: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(300), default="")


Index("ix_legal_rule_key_effective", LegalRule.key, LegalRule.effective_from, unique=True)


class DrugTest(Base):
    """One drug test of one person; positive when any substance is."""

    __tablename__ = "drug_test"
    __table_args__ = (
        CheckConstraint(
            "positive = (heroin OR methamphetamine OR mdma OR ketamine OR cannabis OR other)",
            name="positive_matches_substances",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    test_date: Mapped[date] = mapped_column(Date)
    summoned_by: Mapped[str] = mapped_column(String(200), default="")
    method: Mapped[str] = mapped_column(String(100), default="")
    heroin: Mapped[bool] = mapped_column(default=False)
    methamphetamine: Mapped[bool] = mapped_column(default=False)
    mdma: Mapped[bool] = mapped_column(default=False)
    ketamine: Mapped[bool] = mapped_column(default=False)
    cannabis: Mapped[bool] = mapped_column(default=False)
    other: Mapped[bool] = mapped_column(default=False)
    other_substance: Mapped[str] = mapped_column(String(100), default="")
    positive: Mapped[bool] = mapped_column(default=False)
    follow_up: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")


Index("ix_drug_test_person_date", DrugTest.person_id, DrugTest.test_date)
# Persons tested and positive in a period, read from the index alone (migration 0005).
Index(
    "ix_drug_test_date_person_positive", DrugTest.test_date, DrugTest.person_id, DrugTest.positive
)


class Dossier(Base):
    """A compulsory-rehab (CNBB) dossier for one person; its status follows its steps."""

    __tablename__ = "dossier"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    # The day the addiction was established: the dossier's legal clock starts here.
    found_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class DossierStep(Base):
    """A dated step of a dossier (lập hồ sơ, chuyển Tòa án, quyết định, đưa vào cơ sở …)."""

    __tablename__ = "dossier_step"
    __table_args__ = (
        CheckConstraint("term_months IS NULL OR term_months > 0", name="term_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossier.id", ondelete="CASCADE"), index=True
    )
    step: Mapped[str] = mapped_column(String(40))
    step_date: Mapped[date] = mapped_column(Date, index=True)
    term_months: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class Hotspot(Base):
    """A drug hotspot (điểm, tụ điểm phức tạp, điểm có nguy cơ); status is dated history."""

    __tablename__ = "hotspot"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    in_business: Mapped[bool] = mapped_column(default=False)
    name: Mapped[str] = mapped_column(String(200))
    name_folded: Mapped[str] = mapped_column(String(200), index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    sub_area_id: Mapped[int | None] = mapped_column(ForeignKey("sub_area.id"), index=True)
    entered_on: Mapped[date] = mapped_column(Date, index=True)
    fight_months: Mapped[int] = mapped_column(Integer, default=3)
    note: Mapped[str] = mapped_column(Text, default="")


class HotspotStatus(Base):
    """From ``status_date`` on, the hotspot has ``status`` (until its next status row)."""

    __tablename__ = "hotspot_status"

    id: Mapped[int] = mapped_column(primary_key=True)
    hotspot_id: Mapped[int] = mapped_column(
        ForeignKey("hotspot.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(30))
    status_date: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class PlantSeizure(Base):
    """Drug plants found and destroyed (phá nhổ cây có chứa chất ma túy)."""

    __tablename__ = "plant_seizure"
    __table_args__ = (
        CheckConstraint(
            "opium_plants >= 0 AND cannabis_plants >= 0 AND other_plants >= 0 AND area_m2 >= 0",
            name="amounts_not_negative",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seized_on: Mapped[date] = mapped_column(Date, index=True)
    sub_area_id: Mapped[int | None] = mapped_column(ForeignKey("sub_area.id"), index=True)
    place: Mapped[str] = mapped_column(String(300), default="")
    # None with ownerless=False is not allowed by the service; None + ownerless = vô chủ.
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    ownerless: Mapped[bool] = mapped_column(default=False)
    opium_plants: Mapped[int] = mapped_column(Integer, default=0)
    cannabis_plants: Mapped[int] = mapped_column(Integer, default=0)
    other_plants: Mapped[int] = mapped_column(Integer, default=0)
    other_plant_kind: Mapped[str] = mapped_column(String(100), default="")
    area_m2: Mapped[float] = mapped_column(default=0.0)
    handling: Mapped[str] = mapped_column(String(20))
    fine_vnd: Mapped[int | None] = mapped_column(Integer)
    expert_exam: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(Text, default="")


class ChargeArticle(Base):
    """An article of the Criminal Code (Bộ luật Hình sự) that a drug case may charge."""

    __tablename__ = "charge_article"

    article: Mapped[str] = mapped_column(String(10), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(Integer, default=0)


class DrugCase(Base):
    """A criminal case (vụ án) or an administrative violation (vi phạm hành chính)."""

    __tablename__ = "drug_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    sub_area_id: Mapped[int | None] = mapped_column(ForeignKey("sub_area.id"), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    subjects: Mapped[int] = mapped_column(Integer, default=0)
    prosecuted: Mapped[bool] = mapped_column(default=False)
    defendants: Mapped[int] = mapped_column(Integer, default=0)
    received_from: Mapped[str] = mapped_column(String(200), default="")
    act: Mapped[str] = mapped_column(String(300), default="")
    fine_vnd: Mapped[int | None] = mapped_column(Integer)
    heroin_g: Mapped[float] = mapped_column(default=0.0)
    methamphetamine_g: Mapped[float] = mapped_column(default=0.0)
    pills: Mapped[int] = mapped_column(Integer, default=0)
    cannabis_g: Mapped[float] = mapped_column(default=0.0)
    other_g: Mapped[float] = mapped_column(default=0.0)
    vehicles: Mapped[int] = mapped_column(Integer, default=0)
    phones: Mapped[int] = mapped_column(Integer, default=0)
    cash_vnd: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")


class CaseCharge(Base):
    __tablename__ = "case_charge"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("drug_case.id", ondelete="CASCADE"), primary_key=True
    )
    article: Mapped[str] = mapped_column(ForeignKey("charge_article.article"), primary_key=True)


class CaseSubject(Base):
    """A subject of a case, linked to a person of the registry when known."""

    __tablename__ = "case_subject"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("drug_case.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    full_name: Mapped[str] = mapped_column(String(200))
    birth_year: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(300), default="")


class Phase(Base):
    """A campaign phase or reporting stage (giai đoạn) that targets belong to."""

    __tablename__ = "phase"
    __table_args__ = (CheckConstraint("end_date >= start_date", name="end_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class Target(Base):
    """A target (chỉ tiêu): for a sub-area and a phase, a measure and a number."""

    __tablename__ = "target"
    __table_args__ = (CheckConstraint("value >= 0", name="value_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    phase_id: Mapped[int] = mapped_column(ForeignKey("phase.id", ondelete="CASCADE"), index=True)
    sub_area_id: Mapped[int] = mapped_column(ForeignKey("sub_area.id"), index=True)
    measure: Mapped[str] = mapped_column(String(40))
    value: Mapped[float] = mapped_column()


Index("ix_target_unique", Target.phase_id, Target.sub_area_id, Target.measure, unique=True)


class ReportTemplate(Base):
    """A Word template an office registered as its own: a copy of a built-in one, edited in Word.

    The file's bytes live in the database so that they travel with the backup file.
    """

    __tablename__ = "report_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    base_name: Mapped[str] = mapped_column(String(60))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Report(Base):
    """A báo cáo as it was rendered: period, template, the officer's text and the figures."""

    __tablename__ = "report"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_name: Mapped[str] = mapped_column(String(60), index=True)
    title: Mapped[str] = mapped_column(String(300))
    date_from: Mapped[date] = mapped_column(Date)
    date_to: Mapped[date] = mapped_column(Date)
    compare: Mapped[bool] = mapped_column(default=False)
    narrative_json: Mapped[str] = mapped_column(Text)
    figures_json: Mapped[str] = mapped_column(Text)
    docx_path: Mapped[str] = mapped_column(String(1000), default="")
    annex_path: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    created_by: Mapped[str] = mapped_column(String(100))
