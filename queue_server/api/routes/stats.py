"""Statistics for admins and managers: one summary as JSON, CSV or XLSX.

    GET /api/v1/stats/summary?branch=…&from=YYYY-MM-DD&to=YYYY-MM-DD&by=service
        [&service=…][&format=json|csv|xlsx][&lang=da|en]

`branch` and `service` may repeat; without `branch`, every branch the token may see.
`Accept: text/csv` (or the XLSX type) picks the format too; `format=` wins. Days are the
branch's own business days; definitions in docs/statistics.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from ... import stats
from ...auth import Principal
from ...shared.vocab import STATS_ROLES, ProblemCode
from ...stats import export
from ...stats.labels import language_or
from ..deps import LedgerDep, PrincipalDep
from ..problems import problem

router = APIRouter(tags=["stats"])
#: the longest period one request may cover
MAX_DAYS = 3 * 366
Format = Literal["json", "csv", "xlsx"]


class SummaryOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    by: stats.By
    branches: list[str]
    start: dt.date = Field(serialization_alias="from")
    end: dt.date = Field(serialization_alias="to")
    definitions: str = "docs/statistics.md"
    rows: list[stats.StatsRow]
    total: stats.StatsRow


def visible_branches(who: Principal, asked: list[str] | None, known: list[str]) -> list[str]:
    """The branches asked for (each checked against the token), or all it may see."""
    who.require(*STATS_ROLES)
    if not asked:
        return [who.branch] if who.branch is not None else known
    for branch in asked:
        who.require(*STATS_ROLES, branch=branch)
    return list(dict.fromkeys(asked))


def _format(asked: Format | None, request: Request) -> Format:
    if asked is not None:
        return asked
    accept = request.headers.get("accept", "")
    if "text/csv" in accept:
        return "csv"
    if export.XLSX_MEDIA_TYPE in accept:
        return "xlsx"
    return "json"


@router.get(
    "/stats/summary",
    response_model=SummaryOut,
    responses={200: {"content": {"text/csv": {}, export.XLSX_MEDIA_TYPE: {}}}},
)
def summary(
    request: Request,
    ledger: LedgerDep,
    who: PrincipalDep,
    start: Annotated[dt.date, Query(alias="from")],
    end: Annotated[dt.date, Query(alias="to")],
    by: stats.By = stats.By.SERVICE,
    branch: Annotated[list[str] | None, Query()] = None,
    service: Annotated[list[str] | None, Query()] = None,
    format: Format | None = None,
    lang: str | None = None,
) -> Response:
    branches = visible_branches(who, branch, list(ledger.site.branches))
    for b in branches:
        ledger.branch(b)  # unknown_branch (404)
    for asked in service or ():
        if asked not in ledger.site.services:
            return problem(404, ProblemCode.UNKNOWN_SERVICE, f"unknown service {asked!r}")
    if end < start:
        return problem(422, ProblemCode.INVALID_REQUEST, f"'to' ({end}) is before 'from' ({start})")
    if (end - start).days >= MAX_DAYS:
        return problem(422, ProblemCode.INVALID_REQUEST, f"a period is at most {MAX_DAYS} days")
    language = language_or(lang)
    with ledger.db.read() as s:
        found = stats.summary(
            s,
            ledger.site,
            branches=branches,
            start=start,
            end=end,
            by=by,
            services=service,
            language=language,
        )
    kind = _format(format, request)
    if kind == "csv":
        return _file(export.to_csv(found, language), export.CSV_MEDIA_TYPE, found, "csv")
    if kind == "xlsx":
        return _file(export.to_xlsx(found, language), export.XLSX_MEDIA_TYPE, found, "xlsx")
    out = SummaryOut(
        by=found.by,
        branches=list(found.branches),
        start=found.start,
        end=found.end,
        rows=found.rows,
        total=found.total,
    )
    return Response(out.model_dump_json(by_alias=True), media_type="application/json")


def _file(body: bytes, media_type: str, found: stats.Summary, extension: str) -> Response:
    name = export.filename(found, extension)
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
