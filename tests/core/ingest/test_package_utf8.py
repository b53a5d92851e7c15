"""The package guard's UTF-8 check (``package_guard._is_utf8``) decodes only the runs of non-ASCII bytes of a part;
its verdict, piece by piece, is the one of decoding every byte (held here to the incremental decoder)."""

from __future__ import annotations

import codecs

from hypothesis import given, settings
from hypothesis import strategies as st

from metrics_core.ingest.package_guard import _is_utf8

PIECES = st.one_of(
    st.binary(max_size=6),
    st.text(max_size=5).map(lambda text: text.encode("utf-8", "surrogatepass")),      # (surrogates: not UTF-8)
    st.sampled_from([b"\xc4", b"\x8d", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\xe2\x82", b"a", b" "]))


def _first_failure(check, chunks: list[bytes]) -> int:
    """The piece at which ``check`` says the text stops being UTF-8 (``len(chunks)``: at its end; -1: never)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    for position, chunk in enumerate(chunks):
        if not check(decoder, chunk):
            return position
    return -1 if check(decoder, b"", True) else len(chunks)


def _decoded_whole(decoder, chunk: bytes, final: bool = False) -> bool:
    try:
        decoder.decode(chunk, final)
    except UnicodeDecodeError:
        return False
    return True


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES, max_size=30), st.lists(st.integers(0, 60), max_size=6))
def test_the_check_says_what_decoding_every_byte_says(pieces, cuts):
    data = b"".join(pieces)
    points = sorted({min(cut, len(data)) for cut in cuts})
    chunks = [data[start:stop] for start, stop in zip([0, *points], [*points, len(data)])]
    assert _first_failure(_is_utf8, chunks) == _first_failure(_decoded_whole, chunks)


def test_a_sequence_cut_by_a_piece_or_ended_by_ascii():
    name = "Luka Kovač, Đurđa".encode()
    assert _first_failure(_is_utf8, [name[:10], name[10:]]) == -1                  # 'č' cut between two pieces
    assert _first_failure(_is_utf8, [name[:10], b"x" + name[11:]]) == 1             # its lead byte, then ASCII
    assert _first_failure(_is_utf8, [name[:10]]) == 1                               # the part ends inside it
    assert _first_failure(_is_utf8, [name[:10], b"x" + name[10:]]) == 1             # ... ASCII, then its tail
