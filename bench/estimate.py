"""Wait-estimate benchmark: prints one JSON object (and, with --table, a Markdown table).

Replays simulated days through the real ledger on SQLite with an injected clock
(`estimate_sim.py`) and scores every ticket at its issue against the actual wait (first
call − issue): ours (the midpoint of the range the ticket was given) and the
literature's predictors (Ibrahim & Whitt): QL, idealised — told the true mean counter
time per call and the true number of counters working — (n − idle + 1) · mean / counters
over everyone waiting for the shared counters; LES, the wait of the last ticket of the
same service to be called; HOL, how long the head of the same service's line has
waited. Metrics: relative RMSE (RMSE / mean wait), MAE and bias in minutes, and for our
range: coverage, mean width, share more than 10 min beyond its high end.

    .venv/bin/python bench/estimate.py [--scenarios mm4_09,day] [--tickets 20000] [--table]

Fixed seeds; a tmp SQLite file per scenario, synchronous=FULL as in production, in
/dev/shm where there is one: each write's fsync (~6 ms on this disk) would otherwise be
most of the run time.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib  # noqa: F401  (puts the repository on the path)
from estimate_sim import Day, Kind, Scenario, Score, Shift

#: an M/M/4 day is one long stretch (steady state), scored after a 3-hour warm-up
MM_SHIFTS = (Shift(0.0, 23.9),) * 4
DAY_KINDS = (Kind("a", 0.5, 8.0, 1.0), Kind("b", 0.5, 4.0, 1.2))
#: 3 counters from 8, 6 from 10 (lunches 11-13), 4 from 13
DAY_SHIFTS = (
    Shift(8.0, 16.5, 11.0),
    Shift(8.0, 16.5, 11.5),
    Shift(8.0, 16.5, 12.0),
    Shift(10.0, 16.5, 12.5),
    Shift(10.0, 13.0),
    Shift(10.0, 13.0),
)
DAY_RATE = ((8.0, 10.0, 24.0), (10.0, 13.0, 48.0), (13.0, 15.75, 24.0))
DAY = Scenario(
    "day",
    DAY_KINDS,
    DAY_SHIFTS,
    DAY_RATE,
    case_cv=0.8,
    lognormal=True,
    walk_s=(20.0, 70.0),
    pause_s=20.0,
)


def _mm(name: str, rho: float, *, lognormal: bool = False) -> Scenario:
    per_h = rho * 4 * 60 / 8.0
    return Scenario(
        name,
        (Kind("a", 1.0, 8.0),),
        MM_SHIFTS,
        ((0.0, 23.0, per_h),),
        lognormal=lognormal,
        warm_up_h=3.0,
    )


SCENARIOS = {
    "mm4_07": _mm("mm4_07", 0.7),
    "mm4_09": _mm("mm4_09", 0.9),
    "mg4_lognormal_cv1": _mm("mg4_lognormal_cv1", 0.9, lognormal=True),
    "day": DAY,
    "day_noshow10": Scenario(**{**DAY.__dict__, "name": "day_noshow10", "no_show": 0.1}),
    "day_cancel10": Scenario(**{**DAY.__dict__, "name": "day_cancel10", "cancel": 0.1}),
}
SEEDS = {name: 1000 + i for i, name in enumerate(SCENARIOS)}


def metrics(scores: list[Score]) -> dict[str, object]:
    waits = [s.waited or 0.0 for s in scores]
    mean_wait = statistics.fmean(waits)

    def judge(points: list[float]) -> dict[str, float]:
        errors = [p - w for p, w in zip(points, waits, strict=True)]
        rmse = math.sqrt(statistics.fmean(e * e for e in errors))
        return {
            "rel_rmse": round(rmse / mean_wait, 3),
            "mae_min": round(statistics.fmean(abs(e) for e in errors) / 60, 2),
            "bias_min": round(statistics.fmean(errors) / 60, 2),
        }

    lows = [s.ours[0] for s in scores]
    highs = [s.ours[1] for s in scores]
    ours = judge([(lo + hi) / 2 for lo, hi in zip(lows, highs, strict=True)])
    ours_mean = judge([s.mean for s in scores])
    n = len(scores)
    ours.update(
        {
            "coverage": round(
                sum(lo <= w <= hi for lo, hi, w in zip(lows, highs, waits, strict=True)) / n, 3
            ),
            "width_min": round(
                statistics.fmean(h - lo for lo, h in zip(lows, highs, strict=False)) / 60, 1
            ),
            "beyond_high_10min": round(
                sum(w > hi + 600 for hi, w in zip(highs, waits, strict=True)) / n, 4
            ),
        }
    )
    return {
        "tickets": n,
        "mean_wait_min": round(mean_wait / 60, 2),
        "p90_wait_min": round(sorted(waits)[int(0.9 * n)] / 60, 1),
        "ours": ours,
        "ours_mean": ours_mean,
        "ql": judge([s.ql for s in scores]),
        "les": judge([s.les for s in scores]),
        "hol": judge([s.hol for s in scores]),
    }


def run(name: str, tickets: int, folder: Path) -> dict[str, object]:
    t0 = time.perf_counter()
    day = Day(SCENARIOS[name], folder, SEEDS[name])
    try:
        scores = day.run(tickets)
        out = metrics(scores)
        issued = len(day.scores)
    finally:
        day.close()
    out["unscored_left_waiting"] = issued - len(scores)
    out["writes"] = day.writes
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


def table(results: dict[str, dict[str, object]]) -> str:
    rows = [
        "| scenario | predictor | rel. RMSE | MAE min | bias min | coverage | width min "
        "| > high + 10 min |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        for who in ("ours", "ours_mean", "ql", "les", "hol"):
            m = r[who]
            assert isinstance(m, dict)
            extra = (
                f"{m['coverage']:.1%} | {m['width_min']} | {m['beyond_high_10min']:.2%}"
                if who == "ours"
                else " | | "
            )
            label = {
                "ours": "**ours** (range midpoint)",
                "ours_mean": "ours (mean)",
                "ql": "QL (ideal)",
                "les": "LES",
                "hol": "HOL",
            }[who]
            rows.append(
                f"| {name if who == 'ours' else ''} | {label} | {m['rel_rmse']:.2f} "
                f"| {m['mae_min']} | {m['bias_min']} | {extra} |"
            )
    return "\n".join(rows)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scenarios", default=",".join(SCENARIOS))
    p.add_argument("--tickets", type=int, default=20_000, help="scored tickets per scenario")
    p.add_argument("--table", action="store_true", help="also print a Markdown table")
    args = p.parse_args()
    names = [n for n in args.scenarios.split(",") if n]
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        p.error(f"unknown scenarios {unknown}; known: {', '.join(SCENARIOS)}")
    results: dict[str, dict[str, object]] = {}
    shm = Path("/dev/shm")
    where = str(shm) if shm.is_dir() else None  # tmpfs: fsync costs nothing there
    with tempfile.TemporaryDirectory(prefix="dintur-estimate-", dir=where) as tmp:
        for name in names:
            results[name] = run(name, args.tickets, Path(tmp))
            # each scenario as it ends, so a cut-short run keeps what it measured
            print(json.dumps({name: results[name]}), file=sys.stderr, flush=True)
    print(json.dumps({"bench": "estimate", "scenarios": results}, indent=2))
    if args.table:
        print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
