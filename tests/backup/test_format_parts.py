"""The format's parts on their own: header, keys, records, chunks, manifest, summary."""

import hashlib
import json
import os
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import given, settings
from hypothesis import strategies as st

from pcmt_desktop.backup import (
    DamagedBackupError,
    KdfParams,
    Manifest,
    NewerBackupError,
    WeakPassphraseError,
    create_backup,
    describe,
    format_size,
    passphrase_problem,
    read_header,
)
from pcmt_desktop.backup.chunks import open_chunk, regroup, seal_body, seal_chunk
from pcmt_desktop.backup.header import (
    HEADER_BYTES,
    MAGIC,
    key_check_matches,
    key_check_value,
    pack_fields,
    parse_header,
    seal_header,
)
from pcmt_desktop.backup.kdf import MAX_ITERATIONS, derive_keys
from pcmt_desktop.backup.manifest import ManifestError
from pcmt_desktop.backup.records import RecordsError, body_length, frame, split
from tests.backup.helpers import PASSPHRASE, make_backup

MOMENT = datetime(2026, 11, 23, 9, 30, tzinfo=timezone(timedelta(hours=7)))


def _header(kdf: KdfParams, body_bytes: int = 10_000, chunk_size: int = 4096) -> bytes:
    fields = pack_fields(kdf, os.urandom(7), chunk_size, body_bytes, MOMENT)
    keys = derive_keys(PASSPHRASE, kdf)
    return seal_header(fields, key_check_value(keys.check_key, fields))


def test_the_header_holds_nothing_about_the_office_in_clear(
    demo_database: Path, tmp_path: Path
) -> None:
    out = tmp_path / "son-ha.pcmtbk"
    made = make_backup(demo_database, out)
    data = out.read_bytes()
    assert data.startswith(MAGIC)
    for clear in (made.office_name, "Sơn Hà", "Nam Hòa", "person", "SQLite format 3"):
        assert clear.encode() not in data
    header = read_header(out)
    assert header.format_version == 1
    assert header.created_at == made.created_at
    assert header.kdf.algorithm == "argon2id"
    assert len(header.kdf.salt) == 16


def test_a_header_parses_back_to_what_was_packed() -> None:
    kdf = KdfParams.fast_for_tests()
    block0 = _header(kdf, body_bytes=10_000, chunk_size=4096)
    assert len(block0) == HEADER_BYTES
    header = parse_header(Path("x"), block0)
    assert header.kdf == kdf
    assert header.body_bytes == 10_000
    assert header.chunk_count == 3
    assert [header.chunk_plain_bytes(index) for index in range(3)] == [4096, 4096, 1808]
    assert header.file_bytes == HEADER_BYTES + 10_000 + 3 * 16
    assert header.created_at == MOMENT
    assert key_check_matches(derive_keys(PASSPHRASE, kdf).check_key, header)
    assert not key_check_matches(derive_keys(PASSPHRASE + ".", kdf).check_key, header)


def test_an_empty_body_is_still_one_sealed_chunk() -> None:
    header = parse_header(Path("x"), _header(KdfParams.fast_for_tests(), body_bytes=0))
    assert header.chunk_count == 1
    assert header.chunk_plain_bytes(0) == 0


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"algorithm": "scrypt"}, None),
        ({"memory_kib": 4 * 1024 * 1024}, DamagedBackupError),
        ({"iterations": MAX_ITERATIONS + 1}, DamagedBackupError),
        ({"lanes": 0}, DamagedBackupError),
    ],
)
def test_key_parameters_a_reader_must_not_run_are_refused(
    change: dict[str, object], error: type[Exception] | None
) -> None:
    kdf = replace(KdfParams.fast_for_tests(), **change)  # type: ignore[arg-type]
    assert kdf.problem() is not None
    if error is None:
        return  # an algorithm the writer cannot even name: pack_fields refuses it
    fields = pack_fields(kdf, os.urandom(7), 4096, 100, MOMENT)
    with pytest.raises(error):
        parse_header(Path("x"), seal_header(fields, bytes(32)))


def test_an_unknown_key_algorithm_is_from_a_newer_program() -> None:
    covered = bytearray(_header(KdfParams.fast_for_tests())[:-32])
    covered[12] = 7
    with pytest.raises(NewerBackupError, match="thuật toán tạo khóa số 7"):
        parse_header(Path("x"), bytes(covered) + hashlib.sha256(covered).digest())


def test_the_same_passphrase_in_either_unicode_form_gives_the_same_keys() -> None:
    kdf = KdfParams.fast_for_tests()
    composed = derive_keys("Đặng Thị Ngọc Ánh", kdf)
    assert derive_keys(unicodedata.normalize("NFD", "Đặng Thị Ngọc Ánh"), kdf) == composed
    assert derive_keys("Đặng Thị Ngọc Ánh", kdf.with_fresh_salt()) != composed
    assert composed.data_key != composed.check_key


def test_tuning_picks_passes_within_the_readers_limits() -> None:
    tuned = KdfParams.tuned(target_seconds=0.01)
    assert tuned.problem() is None
    assert 1 <= tuned.iterations <= MAX_ITERATIONS
    assert tuned.memory_kib == KdfParams.default().memory_kib
    assert KdfParams.default().problem() is None


def test_create_takes_a_fresh_salt_for_every_file(demo_database: Path, tmp_path: Path) -> None:
    kdf = KdfParams.fast_for_tests()
    create_backup(demo_database, tmp_path / "a.pcmtbk", PASSPHRASE, kdf=kdf)
    create_backup(demo_database, tmp_path / "b.pcmtbk", PASSPHRASE, kdf=kdf)
    salts = {read_header(tmp_path / name).kdf.salt for name in ("a.pcmtbk", "b.pcmtbk")}
    assert len(salts) == 2
    assert kdf.salt not in salts


def test_a_short_passphrase_is_refused_by_the_library_too(
    demo_database: Path, tmp_path: Path
) -> None:
    assert passphrase_problem("12345678") is None
    with pytest.raises(WeakPassphraseError, match=r"Mật khẩu quá ngắn \(7 ký tự\)"):
        create_backup(demo_database, tmp_path / "a.pcmtbk", "1234567")
    assert list(tmp_path.iterdir()) == []


@settings(max_examples=200, deadline=None)
@given(
    pieces=st.lists(st.binary(max_size=50), max_size=12),
    size=st.integers(min_value=1, max_value=40),
)
def test_regroup_cuts_the_concatenation_into_equal_parts(pieces: list[bytes], size: int) -> None:
    parts = list(regroup(pieces, size))
    assert b"".join(parts) == b"".join(pieces)
    assert all(len(part) == size for part in parts[:-1])
    assert all(0 < len(part) <= size for part in parts)


@given(records=st.lists(st.binary(max_size=300), max_size=5))
def test_records_split_back_as_they_were_framed(records: list[bytes]) -> None:
    body = b"".join(bytes(piece) for piece in frame(records))
    assert len(body) == body_length(records)
    assert [bytes(record) for record in split(body)] == records


@pytest.mark.parametrize("body", [b"\x00" * 5, b"\x00" * 7 + b"\x09" + b"abc"])
def test_a_cut_record_is_refused(body: bytes) -> None:
    with pytest.raises(RecordsError):
        split(body)


def test_a_chunk_opens_only_at_its_own_place() -> None:
    header = parse_header(Path("x"), _header(KdfParams.fast_for_tests()))
    aead = AESGCM(os.urandom(32))
    sealed = seal_chunk(aead, header, 3, False, b"du lieu")
    assert open_chunk(aead, header, 3, False, sealed) == b"du lieu"
    for index, final in ((4, False), (3, True), (2, False)):
        with pytest.raises(InvalidTag):
            open_chunk(aead, header, index, final, sealed)


def test_seal_body_refuses_a_body_of_another_length() -> None:
    header = parse_header(Path("x"), _header(KdfParams.fast_for_tests(), body_bytes=4096))
    written: list[bytes] = []
    with pytest.raises(ValueError, match="longer"):
        seal_body(os.urandom(32), header, [b"x" * 4097], written.append)
    with pytest.raises(ValueError, match="differs"):
        seal_body(os.urandom(32), header, [b"x" * 4095], written.append)


def _manifest() -> Manifest:
    return Manifest(
        office_name="Công an huyện Sơn Hà",
        parent_name="Công an tỉnh Nam Hòa",
        level="Huyện",
        created_at=MOMENT,
        program_version="0.1.0",
        schema_revision="0003",
        counts={"person": 1402, "drug_test": 88, "bang_moi": 3},
        database_sha256="ab" * 32,
        database_bytes=1_258_291,
    )


def test_a_manifest_goes_through_json_unchanged() -> None:
    manifest = _manifest()
    text = manifest.to_json()
    assert "Công an huyện Sơn Hà" in text  # readable UTF-8, not \\u escapes
    assert Manifest.from_json(text) == manifest


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda data: data.pop("office_name"), "thiếu mục “office_name”"),
        (lambda data: data.update(format="khac"), "không đúng định dạng"),
        (lambda data: data.update(database_bytes=-1), "không phải số nguyên"),
        (lambda data: data.update(created_at="2026-11-23T09:30:00"), "thiếu múi giờ"),
        (lambda data: data.update(database_sha256="xyz"), "SHA-256"),
        (lambda data: data["counts"].update(person="nhiều"), "không phải số nguyên"),
    ],
)
def test_a_defective_manifest_says_what(
    edit: Callable[[dict[str, Any]], object], message: str
) -> None:
    data = json.loads(_manifest().to_json())
    edit(data)
    with pytest.raises(ManifestError, match=message):
        Manifest.from_json(json.dumps(data))


def test_the_summary_speaks_vietnamese() -> None:
    lines = describe(replace(_manifest(), created_at=MOMENT.astimezone(UTC)), 1_300_000)
    assert lines[0] == "Đơn vị: Công an huyện Sơn Hà — cấp Huyện"
    assert lines[1] == "Đơn vị cấp trên: Công an tỉnh Nam Hòa"
    assert lines[2].startswith("Thời điểm sao lưu: ")
    assert "  Đối tượng: 1.402" in lines
    assert "  Lượt test ma túy: 88" in lines
    assert lines.index("  Đối tượng: 1.402") < lines.index("  bang_moi: 3")
    assert lines[-2] == "Dung lượng cơ sở dữ liệu: 1,2 MB"
    assert lines[-1] == "Dung lượng tệp sao lưu: 1,2 MB"
    assert format_size(900) == "900 byte"
    assert format_size(3 * 1024**3) == "3 GB"
