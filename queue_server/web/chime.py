"""The call chime: a soft two-tone "ding-dong", generated, so the repository holds its source.

    .venv/bin/python -m queue_server.web.chime      # (re)writes static/chime.wav

Deterministic: the same bytes every time (a test compares the shipped file with them).
"""

from __future__ import annotations

import io
import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22050
#: (start s, frequency Hz): E5 then C5, a major third down, as in most public-address chimes
NOTES = ((0.0, 659.25), (0.45, 523.25))
LENGTH_S = 1.6
#: partials of a soft bell: (multiple of the fundamental, relative loudness)
PARTIALS = ((1.0, 1.0), (2.0, 0.28), (3.0, 0.09), (4.2, 0.04))
PEAK = 0.42  # of full scale: pleasant, not startling
PATH = Path(__file__).resolve().parent / "static" / "chime.wav"


def samples() -> list[float]:
    n = int(RATE * LENGTH_S)
    out = [0.0] * n
    for start, freq in NOTES:
        first = int(start * RATE)
        for i in range(first, n):
            t = (i - first) / RATE
            attack = min(1.0, t / 0.012)  # 12 ms: no click
            decay = math.exp(-t * 3.2)
            tone = sum(
                loud * math.sin(2 * math.pi * freq * mult * t) * math.exp(-t * mult * 0.9)
                for mult, loud in PARTIALS
            )
            out[i] += attack * decay * tone
    tail = int(0.08 * RATE)  # fade the last 80 ms to silence
    for k in range(tail):
        out[n - 1 - k] *= k / tail
    top = max(abs(v) for v in out) or 1.0
    return [v / top * PEAK for v in out]


def wav_bytes() -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", round(v * 32767)) for v in samples()))
    return buf.getvalue()


def duration_s(data: bytes) -> float:
    with wave.open(io.BytesIO(data), "rb") as w:
        return w.getnframes() / w.getframerate()


def main(argv: list[str] | None = None) -> int:
    target = Path(argv[0]) if argv else PATH
    target.write_bytes(wav_bytes())
    print(f"wrote {target} ({LENGTH_S} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
