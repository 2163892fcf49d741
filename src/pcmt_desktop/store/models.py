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


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    # Folded (no accents, lower case) copies, written with the row, for search and sort.
    name_folded: Mapped[str] = mapped_column(String(200), index=True)
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
    start_reason: Mapped[str] = mapped_column(String(200), default="")
    end_reason: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")


Index("ix_list_stay_list_start", ListStay.list_key, ListStay.start_date)
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


class RetailSellerRole(PersonPeriod, Base):
    """A period in which the person is known as a retail seller (đối tượng bán lẻ)."""

    __tablename__ = "retail_seller_role"

    # Hotspots arrive with their registry; until then the place is said in words.
    place_note: Mapped[str] = mapped_column(String(300), default="")


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


Index("ix_audit_entry_entity", AuditEntry.entity, AuditEntry.entity_id)
