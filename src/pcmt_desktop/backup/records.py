"""Inside the chunks: length-prefixed records (the manifest JSON, then the SQLite file).

A record is an unsigned 64-bit big-endian length, then that many bytes. The records are
cut into chunks regardless of where one ends, so a reader needs no chunk to line up with
a record.
"""

import struct

_LENGTH = struct.Struct(">Q")


class RecordsError(ValueError):
    """The decrypted body is not a sequence of whole records."""


def frame(records: list[bytes]) -> list[bytes | memoryview]:
    """The body as pieces to write in order, without copying the (large) records."""
    pieces: list[bytes | memoryview] = []
    for record in records:
        pieces.append(_LENGTH.pack(len(record)))
        pieces.append(memoryview(record))
    return pieces


def body_length(records: list[bytes]) -> int:
    return sum(_LENGTH.size + len(record) for record in records)


def split(body: bytes | bytearray) -> list[memoryview]:
    view = memoryview(body)
    records: list[memoryview] = []
    offset = 0
    while offset < len(view):
        if len(view) - offset < _LENGTH.size:
            raise RecordsError("độ dài bản ghi bị cắt cụt")
        (length,) = _LENGTH.unpack_from(view, offset)
        offset += _LENGTH.size
        if length > len(view) - offset:
            raise RecordsError("bản ghi dài hơn phần dữ liệu")
        records.append(view[offset : offset + length])
        offset += length
    return records
