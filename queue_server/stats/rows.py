"""A report row: every metric of `docs/statistics.md`, computed from a merged cell."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from .cells import HIST_AT, INDEX
from .definitions import BINS, mean, percentile, share


@dataclass(frozen=True)
class StatsRow:
    """One group of a summary (a service, a counter, an hour …) or the total. Counts are
    tickets; durations whole seconds; shares 0–1 to four decimals; None: nothing to say."""

    key: str
    label: str
    issued: int
    transferred: int
    served: int
    no_show: int
    cancelled: int
    expired: int
    open: int
    recalls: int
    paperless: int
    paperless_share: float | None
    appointments: int
    wait_n: int
    wait_p50_s: int | None
    wait_p90_s: int | None
    wait_mean_s: float | None
    wait_max_s: int | None
    service_n: int
    service_p50_s: int | None
    service_p90_s: int | None
    service_mean_s: float | None
    service_max_s: int | None
    calls: int
    counter_time_mean_s: float | None
    counter_time_max_s: int | None
    transfer_wait_n: int
    transfer_wait_mean_s: float | None
    transfer_wait_max_s: int | None
    target_n: int
    within_target: int
    within_target_share: float | None
    guide_sessions: int
    guide_self_served: int
    guide_ticket: int
    guide_printed: int
    deflection_share: float | None
    calibration_n: int
    calibration_inside: int
    calibration_inside_share: float | None
    calibration_early: int
    calibration_early_mean_s: float | None
    calibration_late: int
    calibration_late_mean_s: float | None


FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(StatsRow))


def row_of(key: str, label: str, cell: Sequence[int]) -> StatsRow:
    def v(name: str) -> int:
        return cell[INDEX[name]]

    def hist(name: str) -> Sequence[int]:
        return cell[HIST_AT[name] : HIST_AT[name] + BINS]

    def some_max(name: str) -> int | None:
        return v(f"{name}_max") if v(f"{name}_n") else None

    wait_h, service_h = hist("wait"), hist("service")
    guides = v("guide_self_served") + v("guide_ticket") + v("guide_printed")
    return StatsRow(
        key=key,
        label=label,
        issued=v("issued"),
        transferred=v("transferred"),
        served=v("served"),
        no_show=v("no_show"),
        cancelled=v("cancelled"),
        expired=v("expired"),
        open=v("open"),
        recalls=v("recalls"),
        paperless=v("paperless"),
        paperless_share=share(v("paperless"), v("issued")),
        appointments=v("appointments"),
        wait_n=v("wait_n"),
        wait_p50_s=percentile(wait_h, 50, v("wait_max")),
        wait_p90_s=percentile(wait_h, 90, v("wait_max")),
        wait_mean_s=mean(v("wait_s"), v("wait_n")),
        wait_max_s=some_max("wait"),
        service_n=v("service_n"),
        service_p50_s=percentile(service_h, 50, v("service_max")),
        service_p90_s=percentile(service_h, 90, v("service_max")),
        service_mean_s=mean(v("service_s"), v("service_n")),
        service_max_s=some_max("service"),
        calls=v("call_n"),
        counter_time_mean_s=mean(v("call_s"), v("call_n")),
        counter_time_max_s=v("call_max") if v("call_n") else None,
        transfer_wait_n=v("twait_n"),
        transfer_wait_mean_s=mean(v("twait_s"), v("twait_n")),
        transfer_wait_max_s=some_max("twait"),
        target_n=v("target_n"),
        within_target=v("target_met"),
        within_target_share=share(v("target_met"), v("target_n")),
        guide_sessions=guides,
        guide_self_served=v("guide_self_served"),
        guide_ticket=v("guide_ticket"),
        guide_printed=v("guide_printed"),
        deflection_share=share(v("guide_self_served"), guides),
        calibration_n=v("cal_n"),
        calibration_inside=v("cal_inside"),
        calibration_inside_share=share(v("cal_inside"), v("cal_n")),
        calibration_early=v("cal_early"),
        calibration_early_mean_s=mean(v("cal_early_s"), v("cal_early")),
        calibration_late=v("cal_late"),
        calibration_late_mean_s=mean(v("cal_late_s"), v("cal_late")),
    )
