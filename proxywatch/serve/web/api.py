"""``/api/v1``: JSON (and file exports) over the same functions as the CLI's ``--format json``.

Each handler parses its parameters, calls one function and renders it. The answers equal the CLI's:
``events`` lists what ``proxywatch events`` lists (``--canonical`` for ``source=canonical``), ``trend``,
``changepoints`` and ``compare`` give ``--format json`` of the same command, ``network`` gives
``network --format json``, ``claims`` gives ``claims --format json``, ``actors`` and ``places`` the
``--format json`` of those commands. CSV, GeoJSON and ACLED answers are ``proxywatch export`` files.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any, Literal, Optional, Union

from fastapi import APIRouter, Body, Depends, HTTPException, Path as PathParam, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask

from proxywatch.errors import ContractError, ParameterError, ProxywatchError
from proxywatch.records import Article
from proxywatch.serve.jsonable import to_jsonable
from proxywatch.serve.web.params import ListSource, Source, blank, filters
from proxywatch.store.base import SORTS, EventQuery
from proxywatch.store.filters import check_day

__all__ = ["router", "EXPORTS", "export_response", "claim_article"]

# format → (media type, file suffix); each is written by proxywatch.serve.export (the `export` command)
EXPORTS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "acled": ("text/csv; charset=utf-8", "acled.csv"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "plover": ("application/x-ndjson", "plover.jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
    "polecat": ("text/tab-separated-values; charset=utf-8", "polecat.tsv"),
}
_ACCEPT = {"text/csv": "csv", "application/geo+json": "geojson", "application/x-ndjson": "jsonl",
           "application/vnd.apache.parquet": "parquet"}
EventFormat = Literal[("json", *EXPORTS)]  # type: ignore[valid-type]
PROBLEM = {"content": {"application/problem+json": {}}, "description": "a problem document (RFC 9457)"}
ERRORS: dict[Union[int, str], dict[str, Any]] = {422: PROBLEM, 404: PROBLEM}


def _backend(request: Request) -> Any:
    return request.app.state.backend


def _format(request: Request, fmt: Optional[str]) -> str:
    if fmt:
        return fmt
    accept = request.headers.get("accept", "")
    for part in accept.split(","):
        kind = part.split(";")[0].strip().lower()
        if kind in _ACCEPT:
            return _ACCEPT[kind]
        if kind in ("application/json", "*/*", "application/*"):
            return "json"
    return "json"


def export_response(backend: Any, fmt: str, query: EventQuery, source: str,
                    keep_unlocated: bool = False) -> FileResponse:
    """The selection as a ``proxywatch export`` file (serve/export.py writes it), removed once sent."""
    from proxywatch.serve.export import export_events

    media, suffix = EXPORTS[fmt]
    folder = tempfile.TemporaryDirectory(prefix="proxywatch-serve-")
    path = Path(folder.name) / f"events.{suffix}"
    try:
        with backend.reading() as store:
            result = export_events(store, fmt, path, query, source, keep_unlocated=keep_unlocated)
    except BaseException:
        folder.cleanup()
        raise
    headers = {"X-Proxywatch-Rows": str(result.rows)}
    if result.note:
        headers["X-Proxywatch-Note"] = " ".join(result.note.split())[:300]
    return FileResponse(path, media_type=media, filename=f"proxywatch-events.{suffix}", headers=headers,
                        background=BackgroundTask(folder.cleanup))


class ArticleIn(BaseModel):
    """An article as contract section 1 describes it (``id`` and ``text`` required when ingested)."""

    id: str = Field("pasted", max_length=200)
    text: str = Field(..., min_length=1)
    published: Optional[str] = Field(None, max_length=40, description="publication date, ISO 8601")
    title: Optional[str] = Field(None, max_length=1000)
    url: Optional[str] = Field(None, max_length=2000)
    source: Optional[str] = Field(None, max_length=200)


def claim_article(data: ArticleIn, max_chars: int) -> Article:
    """A checked Article from request data: bad fields are ParameterErrors naming them."""
    if len(data.text) > max_chars:
        raise ParameterError("text", f"text is {len(data.text)} characters; at most {max_chars} (setting "
                                     "max_article_chars)")
    if data.published:
        check_day("published", data.published[:10])
    try:
        return Article.from_json({k: v for k, v in data.model_dump().items() if v is not None})
    except ContractError as exc:
        raise ParameterError("text" if "text" in str(exc) else "id", str(exc)) from None


def router(config: Any) -> APIRouter:
    r = APIRouter(prefix="/api/v1", tags=["api"], responses=ERRORS)

    @r.get("/health", summary="Is the store readable; what it holds")
    def health(request: Request) -> dict[str, Any]:
        backend = _backend(request)
        with backend.reading() as store:
            return {"status": "ok", "schema_version": store.schema_version(), **store.counts(),
                    **store.canonical_counts(), "read_only": not backend.config.allow_ingest,
                    "ingest": backend.config.allow_ingest}

    @r.get("/events", summary="Events, filtered, sorted and paged (or the whole selection as a file)")
    def events(
        request: Request,
        query: EventQuery = Depends(filters),
        source: ListSource = Query("canonical", description="canonical events (merged across reports), mentions "
                                   "(single occurred reports, as analysis counts them) or all-mentions (every "
                                   "stored record, as `proxywatch events` lists them)"),
        sort: str = Query("date", max_length=20, description="one of " + ", ".join(SORTS) + "; a leading - sorts "
                          "descending; ties as the CLI lists events"),
        cursor: Optional[str] = Query(None, max_length=2000, description="a next_cursor or prev_cursor given out"),
        before: bool = Query(False, description="with prev_cursor: the page before it"),
        limit: int = Query(50, ge=1, le=config.max_page, description="events per page"),
        format: Optional[EventFormat] = Query(None, description="json (paged; default), or a file of the whole "
                                              "selection: " + ", ".join(EXPORTS) + " (also by Accept)"),
        keep_unlocated: bool = Query(False, description="geojson: keep events without coordinates (null geometry)"),
    ) -> Any:
        backend = _backend(request)
        fmt = _format(request, format)
        if fmt != "json":
            if fmt == "acled" and source == "all-mentions":
                raise ParameterError("source", "format acled lists events that happened: source canonical or "
                                               "mentions, not all-mentions")
            return export_response(backend, fmt, query, source, keep_unlocated)
        with backend.reading() as store:
            page = store.event_page(query, source, sort.lstrip("-"), sort.startswith("-"), cursor, before, limit)
        body = {"source": page.source, "sort": sort, "total": page.total, "count": len(page.records),
                "next_cursor": page.next_cursor, "prev_cursor": page.prev_cursor, "events": page.records}
        links = []
        for rel, value, back in (("next", page.next_cursor, False), ("prev", page.prev_cursor, True)):
            if value:
                url = request.url.include_query_params(cursor=value, before=str(back).lower())
                links.append(f'<{url}>; rel="{rel}"')
        return JSONResponse(body, headers={"Link": ", ".join(links)} if links else None)

    @r.get("/events/{event_id}", summary="One event with every mention, its evidence span and source")
    def event(request: Request, event_id: str = PathParam(..., max_length=200)) -> Any:
        with _backend(request).reading() as store:
            detail = store.event_detail(event_id)
        if detail is None:
            raise HTTPException(404, f"no event with id {event_id!r}")
        return detail

    @r.get("/trend", summary="Events and fatalities per period (as `proxywatch trend --format json`)")
    def trend(
        request: Request,
        query: EventQuery = Depends(filters),
        by: Literal["day", "week", "month"] = "month",
        split: Optional[Literal["type", "actor", "sponsor", "target", "target-country", "country"]] = None,
        top: int = Query(8, ge=1, le=100),
        source: Source = "canonical",
        keep_imprecise: bool = Query(False, description="count events dated only to a month, year or range on "
                                     "their first day (as --keep-imprecise)"),
    ) -> Any:
        from proxywatch.analyse.series import trend as run

        with _backend(request).reading() as store:
            return to_jsonable(run(store, query, by=by, split=split, source=source, top=top,
                                   keep_imprecise=keep_imprecise))

    @r.get("/changepoints", summary="Changes in the daily event rate (as `proxywatch changepoints --format json`)")
    def changepoints(
        request: Request,
        query: EventQuery = Depends(filters),
        penalty: Optional[float] = Query(None, ge=0, le=1000),
        min_days: Optional[int] = Query(None, ge=1, le=3650),
        n: Optional[int] = Query(None, ge=0, le=50),
        source: Source = "canonical",
        keep_imprecise: bool = Query(False, description="count events dated only to a month, year or range on "
                                     "their first day (as --keep-imprecise)"),
    ) -> Any:
        from proxywatch.analyse.changepoints import changepoints as run

        backend = _backend(request)
        settings = backend.config.settings
        with backend.reading() as store:
            result = run(store, query, penalty=settings.changepoint_penalty if penalty is None else penalty,
                         min_days=settings.changepoint_min_days if min_days is None else min_days, n_changes=n,
                         source=source, keep_imprecise=keep_imprecise)
        return to_jsonable(result)

    @r.get("/compare", summary="Event rate before vs after a date (as `proxywatch compare --format json`)")
    def compare(
        request: Request,
        at: date = Query(..., description="the first day counted as after"),
        window: Optional[str] = Query(None, max_length=10, description="days (30d) or weeks (4w) on each side"),
        query: EventQuery = Depends(filters),
        source: Source = "canonical",
        keep_imprecise: bool = Query(False, description="count events dated only to a month, year or range on "
                                     "their first day (as --keep-imprecise)"),
    ) -> Any:
        from proxywatch.analyse.compare import compare as run
        from proxywatch.analyse.compare import parse_window

        backend = _backend(request)
        try:
            days = parse_window(blank(window) or backend.config.settings.compare_window)
        except ProxywatchError as exc:
            raise ParameterError("window", str(exc).replace("--window", "window")) from None
        with backend.reading() as store:
            return to_jsonable(run(store, at, days, query, source=source, keep_imprecise=keep_imprecise))

    @r.get("/network", summary="Sponsor → actor → target network (as `proxywatch network --format json`)")
    def network(request: Request, query: EventQuery = Depends(filters), source: Source = "canonical") -> Any:
        from proxywatch.analyse.network import sponsor_network

        with _backend(request).reading() as store:
            return sponsor_network(store, query, source).to_json()

    @r.get("/overview", summary="What the overview page shows: places, gaps, top actors, sponsors and targets")
    def overview(request: Request, query: EventQuery = Depends(filters), source: Source = "canonical",
                 top: int = Query(10, ge=1, le=100)) -> Any:
        from proxywatch.analyse.overview import gaps, places, top_parties

        with _backend(request).reading() as store:
            counted = gaps(store, query, source)
            return to_jsonable({"gaps": counted, "places": places(store, query, source,
                                                                   located=counted.events - counted.unlocated),
                                **{f"top_{role}s": top_parties(store, query, source, role, top)
                                   for role in ("actor", "sponsor", "target")}})

    @r.get("/actors", summary="Search the actor knowledge base (as `proxywatch actors Q --format json`)")
    def actors(request: Request, q: Optional[str] = Query(None, max_length=200),
               on: Optional[str] = Query(None, max_length=10, description="sponsors in force on this day")) -> Any:
        from proxywatch.resolve.describe import actor_records

        check_day("on", on)
        return actor_records(_backend(request).kb(), blank(q), blank(on))

    @r.get("/actors/{actor_id}", summary="One actor: names, aliases, chain, dated sponsors and their sources")
    def actor(request: Request, actor_id: str = PathParam(..., max_length=200),
              on: Optional[str] = Query(None, max_length=10)) -> Any:
        from proxywatch.resolve.describe import actor_records

        check_day("on", on)
        records = actor_records(_backend(request).kb(), actor_id, blank(on))
        exact = [r for r in records if r["id"] == actor_id] or (records if len(records) == 1 else [])
        if not exact:
            raise HTTPException(404, f"no actor with id {actor_id!r} ({len(records)} match as a search: "
                                     "use /api/v1/actors?q=)")
        return exact[0]

    @r.get("/places", summary="Search the gazetteer (as `proxywatch places Q --format json`)")
    def places(request: Request, q: Optional[str] = Query(None, max_length=200)) -> Any:
        from proxywatch.resolve.describe import place_records

        return place_records(_backend(request).kb(), blank(q))

    @r.post("/claims", summary="Check an article's quantitative claims against the store "
                               "(as `proxywatch claims FILE --format json`, plus `problems`)")
    def claims(request: Request, article: ArticleIn = Body(...), query: EventQuery = Depends(filters),
               source: Source = "canonical") -> Any:
        from proxywatch import jobs

        backend = _backend(request)
        settings = backend.config.settings
        item = claim_article(article, settings.max_article_chars)
        problems: list[str] = []
        extractor = backend.extractor()  # loaded before taking the store
        with backend.reading() as store:
            report = jobs.check_claims(store, [item], extractor, lambda p: problems.append(str(p)), source=source,
                                       min_coverage=settings.claims_min_coverage, pick=query)
        return {**report.to_json(), "problems": problems}

    if config.allow_ingest:
        @r.post("/articles", summary="Ingest articles (needs --allow-ingest and the bearer token)", status_code=200)
        def articles(request: Request, body: Union[ArticleIn, list[ArticleIn]] = Body(...)) -> Any:
            from proxywatch import jobs
            from proxywatch.merge import MergeRules

            backend = _backend(request)
            if not backend.token_ok(request.headers.get("authorization")):
                raise HTTPException(401, "a valid bearer token is needed (Authorization: Bearer <token>)",
                                    headers={"WWW-Authenticate": "Bearer"})
            items = body if isinstance(body, list) else [body]
            if len(items) > 500:
                raise ParameterError("body", f"at most 500 articles per request, got {len(items)}")
            settings = backend.config.settings
            articles = [claim_article(a, settings.max_article_chars) for a in items]
            problems: list[str] = []
            extractor = backend.extractor()
            with backend.reading() as store:
                summary = jobs.ingest(articles, store, extractor, lambda p: problems.append(str(p)),
                                      settings.batch_size, rules=MergeRules.from_settings(settings, extractor.kb))
            backend.changed()
            return {"new": summary.new, "changed": summary.changed, "unchanged": summary.unchanged,
                    "failed": summary.failed, "events": summary.events, "problems": problems}

    return r
