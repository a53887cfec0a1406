"""DLE EOT replies to Status: the table from probes.md, garbage, and never a false OK."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from printers.status import Status, parse_status, query, reply_byte


def one(b: int) -> bytes:
    return bytes((b,))


@pytest.mark.parametrize(
    ("printer", "cause", "paper", "status"),
    [
        (0x12, 0x12, 0x12, Status.OK),
        (0x12, 0x12, 0x1E, Status.PAPER_LOW),
        (0x12, 0x12, 0x16, Status.PAPER_LOW),  # one near-end sensor of two
        (0x1A, 0x32, 0x72, Status.PAPER_OUT),
        (0x1A, 0x16, 0x12, Status.COVER_OPEN),
        (0x1A, 0x12, 0x12, Status.OFFLINE),
        (0x12, 0x52, 0x12, Status.OFFLINE),  # "error occurred" (cutter jam…)
        (0x16, 0x12, 0x12, Status.OK),  # drawer pin high: not our business
    ],
)
def test_replies_from_the_probes_table(
    printer: int, cause: int, paper: int, status: Status
) -> None:
    assert parse_status(one(printer), one(cause), one(paper)) is status


def test_no_reply_is_offline_and_partial_or_garbled_is_unknown() -> None:
    assert parse_status(None, None, None) is Status.OFFLINE
    assert parse_status(one(0x12), None, None) is Status.UNKNOWN
    assert parse_status(one(0x12), one(0x12), None) is Status.UNKNOWN
    assert parse_status(b"\xff", b"\xff", b"\xff") is Status.UNKNOWN
    assert parse_status(b"", b"", b"") is Status.UNKNOWN
    assert parse_status(b"\x12\x12", one(0x12), one(0x12)) is Status.UNKNOWN
    assert parse_status(b"ok", b"ok", b"ok") is Status.UNKNOWN


def test_a_fault_a_valid_reply_shows_wins_over_garbage_elsewhere() -> None:
    assert parse_status(b"\xff", None, one(0x72)) is Status.PAPER_OUT
    assert parse_status(None, one(0x16), b"junk") is Status.COVER_OPEN


def test_reply_byte_checks_the_fixed_bits() -> None:
    assert reply_byte(b"\x12") == 0x12
    assert reply_byte(b"\x13") is None  # bit 0 must be 0
    assert reply_byte(b"\x02") is None  # bit 4 must be 1
    assert reply_byte(b"\x92") is None  # bit 7 must be 0
    assert reply_byte(None) is None
    assert query(4) == b"\x10\x04\x04"


def _valid(b: int) -> bool:
    return b & 0x93 == 0x12


OK_PRINTER = {one(b) for b in range(256) if _valid(b) and not b & 0x28}
OK_CAUSE = {one(b) for b in range(256) if _valid(b) and not b & 0x64}
OK_PAPER = {one(b) for b in range(256) if _valid(b) and not b & 0x6C}
reply = st.one_of(st.none(), st.binary(max_size=3), st.sampled_from(sorted(OK_PRINTER)))


@given(reply, reply, reply)
@example(b"\x12", b"\x12", b"\x12")
@example(b"\x12", b"\x12", b"\x1e")
def test_never_crashes_and_never_ok_for_anything_but_clean_replies(
    printer: bytes | None, cause: bytes | None, paper: bytes | None
) -> None:
    status = parse_status(printer, cause, paper)
    assert isinstance(status, Status)
    if status is Status.OK:
        assert printer in OK_PRINTER and cause in OK_CAUSE and paper in OK_PAPER
    if printer in OK_PRINTER and cause in OK_CAUSE and paper in OK_PAPER:
        assert status is Status.OK


@given(st.binary(max_size=6))
def test_any_single_stream_of_bytes_is_never_ok_unless_each_reply_is_clean(data: bytes) -> None:
    parts = [data[i : i + 1] or None for i in range(3)]
    status = parse_status(*parts)
    assert (status is Status.OK) == all(
        p in ok for p, ok in zip(parts, (OK_PRINTER, OK_CAUSE, OK_PAPER), strict=True)
    )
