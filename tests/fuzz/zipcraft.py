"""Write zip archives byte by byte, with sizes that may lie, for zip-bomb cases.

:func:`deflate_repeated` makes the deflate stream of ``chunk`` repeated ``times`` times
without compressing the whole: after a full flush the compressed bytes of the same chunk
repeat exactly, so a 40 GB part costs a few kilobytes and milliseconds to make.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass


@dataclass
class Member:
    name: str
    compressed: bytes
    method: int              # 0 stored, 8 deflate
    crc: int
    size: int                # declared uncompressed size (may lie)


def stamped(name: str, compress_type: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    """A zip entry dated 1980-01-01 for ``ZipFile.writestr`` (given a bare name it dates the entry now, and the
    file would change from run to run)."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = compress_type
    return info


def deflated(data: bytes) -> Member:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Member("", compressor.compress(data) + compressor.flush(), 8, zlib.crc32(data), len(data))


def deflate_repeated(prefix: bytes, chunk: bytes, times: int, suffix: bytes) -> tuple[bytes, int, int]:
    """(raw deflate stream, true size, crc32) of ``prefix + chunk * times + suffix``."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    second = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert first == second, "chunk must compress the same way after a full flush"
    tail = compressor.compress(suffix) + compressor.flush()
    body = head + first * times + tail
    size = len(prefix) + len(chunk) * times + len(suffix)
    crc = zlib.crc32(prefix)
    if size < (1 << 31):                 # a true CRC for parts a reader could finish; bombs past that may lie
        piece_crc = crc
        for _ in range(times):
            piece_crc = zlib.crc32(chunk, piece_crc)
        crc = piece_crc
    return body, size, zlib.crc32(suffix, crc)


def build_zip(members: list[Member]) -> bytes:
    """A zip (zip64 extra fields when a declared size needs them) holding ``members`` as given."""
    out = bytearray()
    central = bytearray()
    for m in members:
        name = m.name.encode("utf-8")
        offset = len(out)
        big = m.size >= 0xFFFFFFFF or len(m.compressed) >= 0xFFFFFFFF
        extra = struct.pack("<HHQQ", 1, 16, m.size, len(m.compressed)) if big else b""
        size32 = 0xFFFFFFFF if big else m.size
        csize32 = 0xFFFFFFFF if big else len(m.compressed)
        version = 45 if big else 20
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, version, 0, m.method, 0, 0x21, m.crc & 0xFFFFFFFF,
                           csize32, size32, len(name), len(extra)) + name + extra + m.compressed
        central_extra = (struct.pack("<HHQQ", 1, 16, m.size, len(m.compressed)) if big else b"")
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, version, version, 0, m.method, 0, 0x21,
                               m.crc & 0xFFFFFFFF, csize32, size32, len(name), len(central_extra), 0, 0, 0, 0,
                               offset) + name + central_extra
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0)
    return bytes(out)


def members_of(data: bytes) -> list[Member]:
    """The members of a normal zip (as they are), to be changed and written again by :func:`build_zip`."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        out = []
        for info in archive.infolist():
            member = deflated(archive.read(info.filename))
            member.name = info.filename
            out.append(member)
    return out


def replace(data: bytes, name: str, member: Member | None) -> bytes:
    """``data`` (a zip) with the part ``name`` replaced by ``member`` (or added; None removes it)."""
    members = [m for m in members_of(data) if m.name != name]
    if member is not None:
        member.name = name
        members.append(member)
    return build_zip(members)


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    return replace(data, name, deflated(content))


def bomb_member(prefix: bytes, chunk: bytes, times: int, suffix: bytes, declared: int | None = None) -> Member:
    body, size, crc = deflate_repeated(prefix, chunk, times, suffix)
    return Member("", body, 8, crc, size if declared is None else declared)
