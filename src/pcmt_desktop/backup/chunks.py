"""The body as AES-256-GCM chunks, in the STREAM construction.

Chunk ``i`` (0-based) is sealed with the nonce ``prefix ‖ i ‖ final`` and the associated
data ``header digest ‖ i ‖ final``: moving a chunk, dropping one, sealing a non-final
chunk as the last, or pairing chunks with another file's header all fail authentication.
The prefix is random per file and the key is derived with a fresh salt per file, so a
nonce never repeats under one key.
"""

import struct
from collections.abc import Callable, Iterable, Iterator

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from pcmt_desktop.backup.header import BackupHeader

_POSITION = struct.Struct(">IB")

# progress(done, total): plaintext bytes of the body sealed or opened so far.
Progress = Callable[[int, int], None]


def _position(index: int, final: bool) -> bytes:
    return _POSITION.pack(index, 1 if final else 0)


def seal_chunk(
    aead: AESGCM, header: BackupHeader, index: int, final: bool, plaintext: bytes
) -> bytes:
    position = _position(index, final)
    return aead.encrypt(header.nonce_prefix + position, plaintext, header.digest + position)


def open_chunk(aead: AESGCM, header: BackupHeader, index: int, final: bool, sealed: bytes) -> bytes:
    """The plaintext; raises cryptography's InvalidTag when anything does not match."""
    position = _position(index, final)
    return aead.decrypt(header.nonce_prefix + position, sealed, header.digest + position)


def regroup(pieces: Iterable[bytes | memoryview], size: int) -> Iterator[bytes]:
    """The concatenation of ``pieces`` cut into ``size``-byte parts (the last may be short)."""
    pending = bytearray()
    for piece in pieces:
        view = memoryview(piece)
        while view:
            take = min(size - len(pending), len(view))
            pending += view[:take]
            view = view[take:]
            if len(pending) == size:
                yield bytes(pending)
                pending.clear()
    if pending:
        yield bytes(pending)


def seal_body(
    data_key: bytes,
    header: BackupHeader,
    pieces: Iterable[bytes | memoryview],
    write: Callable[[bytes], object],
    progress: Progress | None = None,
) -> None:
    """Encrypt ``pieces`` (exactly ``header.body_bytes`` long) chunk by chunk into ``write``."""
    aead = AESGCM(data_key)
    last = header.chunk_count - 1
    done = 0
    parts = regroup(pieces, header.chunk_size)
    for index in range(header.chunk_count):
        plaintext = next(parts, b"")
        if len(plaintext) != header.chunk_plain_bytes(index):
            raise ValueError("body length differs from the header's")
        write(seal_chunk(aead, header, index, index == last, plaintext))
        done += len(plaintext)
        if progress is not None:
            progress(done, header.body_bytes)
    if next(parts, None) is not None:
        raise ValueError("body longer than the header says")
