"""A damaged, cut, spliced or foreign file is refused with the right reason; nothing changes."""

import hashlib
import shutil
import struct
import unicodedata
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import given, settings
from hypothesis import strategies as st

from pcmt_desktop.backup import (
    BackupError,
    DamagedBackupError,
    IncompleteBackupError,
    NewerBackupError,
    NotABackupError,
    WrongPassphraseError,
    extract_database,
    read_header,
    restore_backup,
    verify_backup,
)
from pcmt_desktop.backup.chunks import open_chunk, seal_chunk
from pcmt_desktop.backup.header import HEADER_BYTES, MAGIC
from pcmt_desktop.backup.kdf import derive_keys
from pcmt_desktop.store.database import Database
from tests.backup.helpers import (
    PASSPHRASE,
    block_at,
    chunk_boundaries,
    folder_state,
    make_backup,
)


class Scene:
    """A sound backup, a scratch file to damage, and a restore target that must not change."""

    def __init__(self, root: Path, demo_database: Path) -> None:
        self.backup = root / "son-ha.pcmtbk"
        make_backup(demo_database, self.backup)
        self.sound = self.backup.read_bytes()
        self.scratch = root / "hong" / "son-ha.pcmtbk"
        self.scratch.parent.mkdir()
        self.target = root / "van-phong" / "pcmt.sqlite3"
        Database.open(self.target).close()
        self.target_state = folder_state(self.target.parent)

    def damaged(self, data: bytes) -> Path:
        self.scratch.write_bytes(data)
        return self.scratch

    def assert_refused_everywhere(self, data: bytes, error: type[BackupError]) -> BackupError:
        """verify, extract and restore all refuse; no file appears, the target is unchanged."""
        path = self.damaged(data)
        with pytest.raises(error) as refused:
            verify_backup(path, PASSPHRASE)
        extracted = self.scratch.parent / "giai-ma.sqlite3"
        with pytest.raises(error):
            extract_database(path, PASSPHRASE, extracted)
        assert not extracted.exists()
        with pytest.raises(error):
            restore_backup(path, PASSPHRASE, self.target)
        assert folder_state(self.target.parent) == self.target_state
        assert sorted(item.name for item in self.scratch.parent.iterdir()) == ["son-ha.pcmtbk"]
        return refused.value


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory, demo_database: Path) -> Scene:
    return Scene(tmp_path_factory.mktemp("hong"), demo_database)


def flipped(data: bytes, position: int, mask: int = 0x01) -> bytes:
    changed = bytearray(data)
    changed[position] ^= mask
    return bytes(changed)


def expected_error(scene: Scene, position: int) -> tuple[type[BackupError], int | None]:
    if position < len(MAGIC):
        return NotABackupError, None
    return DamagedBackupError, block_at(scene.backup, position)


@settings(max_examples=120, deadline=None)
@given(anywhere=st.integers(min_value=0), mask=st.integers(min_value=1, max_value=255))
def test_a_byte_changed_anywhere_is_refused_and_changes_nothing(
    scene: Scene, anywhere: int, mask: int
) -> None:
    position = anywhere % len(scene.sound)
    error, block = expected_error(scene, position)
    refused = scene.assert_refused_everywhere(flipped(scene.sound, position, mask), error)
    if block is not None:
        assert isinstance(refused, DamagedBackupError)
        assert refused.chunk_index == block
        assert f"khối {block}" in str(refused)


def test_every_block_is_checked(scene: Scene) -> None:
    """The first and last byte of the header and of each chunk, one by one."""
    starts = [0, *chunk_boundaries(scene.backup)]
    ends = [start - 1 for start in starts[1:]] + [len(scene.sound) - 1]
    assert len(starts) > 20
    for block, (first, last) in enumerate(zip(starts, ends, strict=True)):
        for position in (first + (len(MAGIC) if block == 0 else 0), last):
            with pytest.raises(DamagedBackupError) as refused:
                verify_backup(scene.damaged(flipped(scene.sound, position)), PASSPHRASE)
            assert refused.value.chunk_index == block


def test_the_messages_say_where_in_vietnamese(scene: Scene) -> None:
    header = scene.assert_refused_everywhere(flipped(scene.sound, 40), DamagedBackupError)
    assert "bị hỏng ở khối 0 (phần đầu tệp)" in str(header)
    chunk = scene.assert_refused_everywhere(
        flipped(scene.sound, chunk_boundaries(scene.backup)[2] + 5), DamagedBackupError
    )
    assert "bị hỏng ở khối 3: dữ liệu không khớp mã xác thực" in str(chunk)
    assert "chương trình không thay đổi gì" in str(chunk)
    assert PASSPHRASE not in str(chunk)


def test_a_cut_at_every_chunk_boundary_or_inside_a_chunk_is_incomplete(scene: Scene) -> None:
    header = read_header(scene.backup)
    cuts = [0, 3, len(MAGIC), 20, HEADER_BYTES - 1]
    for boundary in chunk_boundaries(scene.backup):
        cuts += [boundary, boundary + 1, boundary + header.chunk_size // 2]
    cuts.append(len(scene.sound) - 1)
    cuts = sorted({cut for cut in cuts if cut < len(scene.sound)})
    assert len(cuts) > 60
    for cut in cuts:
        with pytest.raises(IncompleteBackupError) as refused:
            verify_backup(scene.damaged(scene.sound[:cut]), PASSPHRASE)
        assert "không đầy đủ" in str(refused.value), cut
    scene.assert_refused_everywhere(scene.sound[: chunk_boundaries(scene.backup)[-1]],
                                    IncompleteBackupError)  # fmt: skip


def test_bytes_added_after_the_last_chunk_are_refused(scene: Scene) -> None:
    refused = scene.assert_refused_everywhere(scene.sound + b"\x00", DamagedBackupError)
    assert isinstance(refused, DamagedBackupError)
    assert refused.chunk_index == read_header(scene.backup).chunk_count
    assert "dữ liệu thừa sau khối cuối" in str(refused)


def test_two_chunks_swapped_are_refused_at_the_first(scene: Scene) -> None:
    one, two, three = chunk_boundaries(scene.backup)[1:4]
    data = scene.sound
    swapped = data[:one] + data[two:three] + data[one:two] + data[three:]
    assert len(swapped) == len(scene.sound)
    refused = scene.assert_refused_everywhere(swapped, DamagedBackupError)
    assert isinstance(refused, DamagedBackupError)
    assert refused.chunk_index == 2


def test_chunks_under_another_files_header_are_refused(
    scene: Scene, demo_database: Path, tmp_path: Path
) -> None:
    other = tmp_path / "khac.pcmtbk"
    make_backup(demo_database, other)
    spliced = other.read_bytes()[:HEADER_BYTES] + scene.sound[HEADER_BYTES:]
    if len(spliced) != len(other.read_bytes()):
        pytest.fail("both backups of one database must have the same length")
    refused = scene.assert_refused_everywhere(spliced, DamagedBackupError)
    assert isinstance(refused, DamagedBackupError)
    assert refused.chunk_index == 1


def test_a_last_chunk_sealed_as_not_final_is_refused(scene: Scene) -> None:
    """What the final flag is for: a file cut at a chunk boundary with a forged length."""
    header = read_header(scene.backup)
    aead = AESGCM(derive_keys(PASSPHRASE, header.kdf).data_key)
    last = header.chunk_count - 1
    start = chunk_boundaries(scene.backup)[last]
    plaintext = open_chunk(aead, header, last, True, scene.sound[start:])
    resealed = scene.sound[:start] + seal_chunk(aead, header, last, False, plaintext)
    refused = scene.assert_refused_everywhere(resealed, DamagedBackupError)
    assert isinstance(refused, DamagedBackupError)
    assert refused.chunk_index == header.chunk_count


def test_a_wrong_passphrase_is_told_apart_from_damage(scene: Scene) -> None:
    path = scene.damaged(scene.sound)
    for wrong in ("mật khẩu thử nghiệm 2026", PASSPHRASE + " ", "Mat khau thu nghiem 2026"):
        with pytest.raises(WrongPassphraseError, match="Mật khẩu không đúng") as refused:
            verify_backup(path, wrong)
        assert wrong not in str(refused.value)
        with pytest.raises(WrongPassphraseError):
            restore_backup(path, wrong, scene.target)
    assert folder_state(scene.target.parent) == scene.target_state


def test_the_passphrase_typed_with_combining_accents_opens_the_file(scene: Scene) -> None:
    decomposed = unicodedata.normalize("NFD", PASSPHRASE)
    assert decomposed != PASSPHRASE
    assert verify_backup(scene.damaged(scene.sound), decomposed).office_name


@pytest.mark.parametrize(
    "content",
    [b"", b"PK\x03\x04 not a backup", "Báo cáo sơ kết".encode(), MAGIC[:5]],
    ids=["empty", "zip", "text", "magic-prefix"],
)
def test_files_that_are_not_backups(scene: Scene, content: bytes) -> None:
    path = scene.damaged(content)
    expected = IncompleteBackupError if MAGIC.startswith(content) else NotABackupError
    with pytest.raises(expected):
        verify_backup(path, PASSPHRASE)


def test_the_database_file_itself_is_not_a_backup(demo_database: Path) -> None:
    with pytest.raises(NotABackupError, match="không phải là tệp sao lưu PCMT"):
        verify_backup(demo_database, PASSPHRASE)


def test_a_file_of_a_newer_format_version_is_refused_as_newer(scene: Scene) -> None:
    covered = bytearray(scene.sound[: HEADER_BYTES - 32])
    struct.pack_into(">H", covered, len(MAGIC), 2)
    newer = bytes(covered) + hashlib.sha256(covered).digest() + scene.sound[HEADER_BYTES:]
    refused = scene.assert_refused_everywhere(newer, NewerBackupError)
    assert "phiên bản PCMT mới hơn (định dạng tệp phiên bản 2)" in str(refused)


def test_a_missing_file_is_a_message(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="Không đọc được tệp"):
        verify_backup(tmp_path / "khong-co.pcmtbk", PASSPHRASE)


def test_the_scene_backup_itself_is_sound(scene: Scene, tmp_path: Path) -> None:
    copy = tmp_path / "nguyen.pcmtbk"
    shutil.copyfile(scene.backup, copy)
    assert verify_backup(copy, PASSPHRASE).counts["person"] == 50
