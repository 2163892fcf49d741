"""The hash chain over the audit trail, and its check.

Each audit row stores ``prev_hash`` (the hash of the row before it) and ``row_hash``
(SHA-256 over a canonical JSON of its own content and ``prev_hash``). Editing a row
outside the program breaks its own hash; deleting one leaves a gap in the ids and a
``prev_hash`` that no longer matches; deleting the newest rows is caught by the copy of
the chain's end kept in ``audit_chain_head``, written in the same transaction as each row.

The chain has no secret: someone who rewrites every later row and the head with their
own hashes is not caught here. It catches what a person with an SQLite editor would do,
and the backup files already sent to the level above hold earlier copies of the chain.
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.models import AuditChainHead, AuditEntry

GENESIS_HASH = "0" * 64
HEAD_ID = 1

# The columns a row's hash covers, in the order they are read back; migration 0004 holds
# a frozen copy of this rule to chain the rows written before it.
CHAINED_COLUMNS = (
    "id",
    "at",
    "user_name",
    "action",
    "entity",
    "entity_id",
    "person_id",
    "summary",
    "before_json",
    "after_json",
)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def row_hash(content: Mapping[Any, Any], prev_hash: str) -> str:
    """SHA-256 hex of the row's chained columns and ``prev_hash`` as canonical JSON."""
    payload = {column: _plain(content[column]) for column in CHAINED_COLUMNS}
    payload["prev_hash"] = prev_hash
    text = json.dumps(payload, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def append(session: Session, content: Mapping[str, Any]) -> int:
    """Insert one audit row (``content`` without id or hashes) at the chain's end; its id.

    Runs inside the caller's transaction, so the row, its hashes and the new head are
    committed together with the write they describe, or not at all.
    """
    session.flush()
    # A write statement first: it takes SQLite's write lock for the rest of the
    # transaction, so no other connection (another thread of this program included) can
    # append between our reading the chain's end and writing after it.
    session.execute(
        update(AuditChainHead)
        .where(AuditChainHead.id == HEAD_ID)
        .values(last_id=AuditChainHead.last_id)
    )
    head = session.execute(
        select(AuditChainHead.last_id, AuditChainHead.last_hash).where(AuditChainHead.id == HEAD_ID)
    ).one_or_none()
    last = session.execute(
        select(AuditEntry.id, AuditEntry.row_hash).order_by(AuditEntry.id.desc()).limit(1)
    ).one_or_none()
    # Chain from the head, not from the last row: after rows were deleted from the end
    # the gap stays visible instead of being papered over by the next row.
    if head is not None:
        prev_id, prev_hash = head.last_id, head.last_hash
    elif last is not None:
        prev_id, prev_hash = last.id, last.row_hash
    else:
        prev_id, prev_hash = 0, GENESIS_HASH
    new_id: int = max(prev_id, 0 if last is None else last.id) + 1
    values = {**content, "id": new_id}
    digest = row_hash(values, prev_hash)
    session.execute(insert(AuditEntry).values(**values, prev_hash=prev_hash, row_hash=digest))
    if head is None:
        session.execute(insert(AuditChainHead).values(id=HEAD_ID, last_id=new_id, last_hash=digest))
    else:
        session.execute(
            update(AuditChainHead)
            .where(AuditChainHead.id == HEAD_ID)
            .values(last_id=new_id, last_hash=digest)
        )
    return new_id


@dataclass(frozen=True)
class ChainReport:
    """What ``verify_chain`` found: ``ok`` when ``problems`` is empty."""

    checked: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _edited(row_id: int) -> str:
    return f"Dòng nhật ký số {row_id} đã bị sửa"


class _Checker:
    """Walks the rows in id order, remembering what it already reported."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.checked = 0
        self.last_id: int | None = None
        self.last_hash = GENESIS_HASH
        self._edited: set[int] = set()

    def edited(self, row_id: int) -> None:
        if row_id not in self._edited:
            self._edited.add(row_id)
            self.problems.append(_edited(row_id))

    def row(self, row: Mapping[Any, Any]) -> None:
        row_id: int = row["id"]
        gap = False
        if self.last_id is None:
            if row["prev_hash"] != GENESIS_HASH:
                gap = True
                self.problems.append(f"Thiếu dòng nhật ký trước số {row_id}")
        elif row_id != self.last_id + 1:
            gap = True
            self.problems.append(f"Thiếu dòng nhật ký giữa số {self.last_id} và {row_id}")
        if row_hash(row, row["prev_hash"]) != row["row_hash"]:
            self.edited(row_id)
        elif not gap and row["prev_hash"] != self.last_hash and self.last_id is not None:
            # This row is intact but does not follow the one before: that one was
            # changed and given a new hash.
            self.edited(self.last_id)
        self.checked += 1
        self.last_id = row_id
        self.last_hash = row["row_hash"]

    def head(self, head: tuple[int, str] | None) -> None:
        if head is None:
            if self.last_id is not None:
                self.problems.append(
                    "Không tìm thấy dấu cuối của chuỗi nhật ký: "
                    "không kiểm tra được các dòng cuối có bị xóa hay không"
                )
            return
        head_id, head_hash = head
        if self.last_id is None:
            self.problems.append(f"Thiếu toàn bộ nhật ký (đến dòng số {head_id})")
        elif head_id > self.last_id:
            self.problems.append(f"Thiếu dòng nhật ký sau số {self.last_id} (đến số {head_id})")
        elif head_id < self.last_id:
            self.problems.append(
                f"Dòng nhật ký từ số {head_id + 1} đến số {self.last_id} "
                "được thêm ngoài chương trình"
            )
        elif head_hash != self.last_hash:
            self.edited(self.last_id)


def verify_chain(context: ServiceContext, *, batch_rows: int = 2000) -> ChainReport:
    """Check every audit row and the chain's end; problems in Vietnamese, in id order.

    Raises:
        PermissionDeniedError: the actor may not read the audit trail.
    """
    context.require(Permission.AUDIT_READ)
    checker = _Checker()
    columns = [getattr(AuditEntry, name) for name in (*CHAINED_COLUMNS, "prev_hash", "row_hash")]
    with context.reading() as session:
        result = session.execute(
            select(*columns).order_by(AuditEntry.id).execution_options(yield_per=batch_rows)
        )
        for row in result.mappings():
            checker.row(row)
        head = session.execute(
            select(AuditChainHead.last_id, AuditChainHead.last_hash).where(
                AuditChainHead.id == HEAD_ID
            )
        ).one_or_none()
    checker.head(None if head is None else (head.last_id, head.last_hash))
    return ChainReport(checked=checker.checked, problems=checker.problems)
