"""Server-rendered pages: overview, events table, event, article, actor, claim check, and the API docs.

Filters live in the URL (a GET form), so any view can be bookmarked and shared. Each handler calls
the same functions as the API and the CLI, then fills a Jinja2 template (autoescaped: text that
came from an article is always shown as text).
"""

from __future__ import annotations

from typing import Any, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Path as PathParam, Query, Request
from fastapi.responses import HTMLResponse

from proxywatch.errors import ProxywatchError
from proxywatch.records import PLOVER_TYPES
from proxywatch.serve.web.highlight import segments
from proxywatch.serve.web.params import FILTER_NAMES, ListSource, Source, filters
from proxywatch.store.base import SORTS, EventQuery

__all__ = ["router", "event_row", "render"]

PAGE = 50


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """Fill template ``name``; every page gets the filters of the URL and ``link`` to keep them."""
    params = request.query_params
    base = {"filters": {k: params.get(k, "") for k in FILTER_NAMES}, "source": params.get("source", "canonical"),
            "types": PLOVER_TYPES, "path": request.url.path, "link": _linker(request)}
    return request.app.state.templates.TemplateResponse(request, name, {**base, **context}, status_code=status)


def _linker(request: Request) -> Any:
    """``link(path, **changes)``: a URL to ``path`` keeping the current filters, with ``changes`` applied."""
    current = {k: v for k, v in request.query_params.items() if k in (*FILTER_NAMES, "source") and v}

    def link(path: str, **changes: Any) -> str:
        values = {**current, **{k: v for k, v in changes.items()}}
        values = {k: v for k, v in values.items() if v not in (None, "", False)}
        return path + ("?" + urlencode(values) if values else "")
    return link


def _party(party: dict[str, Any] | None) -> dict[str, Any] | None:
    if not party:
        return None
    return {"label": party.get("name") or party.get("text") or "", "id": party.get("id"),
            "country": party.get("country"), "sponsors": party.get("sponsors") or [], "text": party.get("text")}


def _counts(record: dict[str, Any], name: str) -> str:
    value = record.get(name)
    if not value:
        return ""
    if "best" in value:  # canonical: low / best / high
        low, best, high = value["low"], value["best"], value["high"]
        return str(low) if low == high else f"{low}–{'' if high is None else high} (best {best})"
    low, high = value.get("min"), value.get("max")
    return f"{low}+" if high is None else str(low) if low == high else f"{low}–{high}"


def event_row(record: dict[str, Any], briefs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A canonical or mention record as the events table and the event page show it."""
    day = record.get("date") or {}
    when = day.get("start") or ""
    if day.get("end") and day["end"] != day.get("start"):
        when += f" to {day['end']}"
    loc = record.get("location") or {}
    canonical = "mention_ids" in record
    if canonical:
        evidence = (record.get("evidence") or [{}])[0].get("text", "")
        article_ids = record.get("article_ids") or []
    else:
        evidence = (record.get("evidence") or {}).get("text", "")
        article_ids = [record.get("article_id")]
    actor, target = _party(record.get("actor")), _party(record.get("target"))
    marks = {"actor": (record.get("actor") or {}).get("text"), "target": (record.get("target") or {}).get("text"),
             "place": loc.get("text")}
    articles = [briefs[a] for a in article_ids if a in briefs]
    return {
        "id": record["id"], "canonical": canonical, "date": when, "date_precision": day.get("precision"),
        "type": record.get("type", ""), "mode": record.get("mode"), "actor": actor, "target": target,
        "place": loc.get("name") or loc.get("text") or "", "country": loc.get("country") or "",
        "precision": loc.get("precision") or "", "fatalities": _counts(record, "fatalities"),
        "injuries": _counts(record, "injuries"), "sources": record.get("sources", 1),
        "mentions": record.get("mentions", 1), "status": record.get("status", "occurred"),
        "negated": record.get("negated", False), "aggregate": _counts(record, "aggregate"),
        "evidence": segments(evidence, record.get("type"), marks), "articles": articles,
    }


def router() -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/", response_class=HTMLResponse)
    def overview(request: Request, query: EventQuery = Depends(filters), source: Source = "canonical") -> Any:
        from proxywatch.analyse.changepoints import changepoints
        from proxywatch.analyse.overview import gaps, places, top_parties
        from proxywatch.analyse.series import trend
        from proxywatch.serve.web.svg import legend_items, map_svg, timeline_svg

        backend = request.app.state.backend
        settings = backend.config.settings

        def compute() -> tuple:
            with backend.reading() as store:
                weekly = trend(store, query, by="week", split="sponsor", source=source, top=6)
                try:
                    changes = changepoints(store, query, penalty=settings.changepoint_penalty,
                                           min_days=settings.changepoint_min_days, source=source)
                    no_changes = ""
                except ProxywatchError as exc:
                    changes, no_changes = None, str(exc)
                counted = gaps(store, query, source)
                points = places(store, query, source, located=counted.events - counted.unlocated)
                tops = {role: top_parties(store, query, source, role, 10) for role in ("actor", "sponsor", "target")}
            return (weekly, changes, no_changes, counted, points, tops,
                    timeline_svg(weekly, changes) if weekly.rows else None, map_svg(points.points))

        weekly, changes, no_changes, counted, points, tops, timeline, drawn = backend.memo(
            ("overview", query, source), compute)
        return render(request, "overview.html", {
            "title": "Overview", "gaps": counted, "places": points, "tops": tops, "trend": weekly,
            "changes": changes, "no_changes": no_changes, "legend": legend_items(weekly.groups or [None]),
            "timeline": timeline, "map": drawn,
            "charted": sum(row.events for row in weekly.rows),
        })

    @r.get("/events", response_class=HTMLResponse)
    def events(request: Request, query: EventQuery = Depends(filters), source: ListSource = "canonical",
               sort: str = Query("date", max_length=20), cursor: Optional[str] = Query(None, max_length=2000),
               before: bool = False) -> Any:
        backend = request.app.state.backend
        with backend.reading() as store:
            page = store.event_page(query, source, sort.lstrip("-"), sort.startswith("-"), cursor, before, PAGE)
            ids = {a for rec in page.records for a in (rec.get("article_ids") or [rec.get("article_id")])}
            briefs = store.article_briefs(sorted(i for i in ids if i))
        return render(request, "events.html", {
            "title": "Events", "page": page, "rows": [event_row(rec, briefs) for rec in page.records],
            "sort": sort, "sorts": SORTS, "source": source,
        })

    @r.get("/events/{event_id}", response_class=HTMLResponse)
    def event(request: Request, event_id: str = PathParam(..., max_length=200)) -> Any:
        with request.app.state.backend.reading() as store:
            detail = store.event_detail(event_id)
        if detail is None:
            raise HTTPException(404, f"no event with id {event_id!r}")
        briefs = {m["article"]["id"]: m["article"] for m in detail["mentions"] if m["article"]}
        mentions = [{**event_row(m["record"], briefs), "span": m["record"]["evidence"], "article": m["article"],
                     "confidence": m["record"].get("confidence")} for m in detail["mentions"]]
        head = detail["event"] or detail["mentions"][0]["record"]
        return render(request, "event.html", {"title": f"{head['type']} event", "event": event_row(head, briefs),
                                               "record": head, "mentions": mentions})

    @r.get("/articles/{article_id}", response_class=HTMLResponse)
    def article(request: Request, article_id: str = PathParam(..., max_length=200)) -> Any:
        with request.app.state.backend.reading() as store:
            found = store.article(article_id)
            records = store.article_events(article_id)
        if found is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        pieces, pos, seen = [], 0, set()
        for rec in records:
            ev = rec["evidence"]
            if (ev["start"], ev["end"]) in seen or ev["start"] < pos:
                continue
            seen.add((ev["start"], ev["end"]))
            pieces.append((found.text[pos:ev["start"]], None))
            pieces.append((found.text[ev["start"]:ev["end"]], rec["id"]))
            pos = ev["end"]
        pieces.append((found.text[pos:], None))
        return render(request, "article.html", {"title": found.title or found.id, "article": found,
                                                 "pieces": pieces, "events": len(records)})

    @r.get("/actors/{actor_id}", response_class=HTMLResponse)
    def actor(request: Request, actor_id: str = PathParam(..., max_length=200), source: Source = "canonical") -> Any:
        from proxywatch.analyse.series import trend
        from proxywatch.resolve.describe import actor_records
        from proxywatch.serve.web.svg import timeline_svg

        backend = request.app.state.backend
        found = [a for a in actor_records(backend.kb(), actor_id) if a["id"] == actor_id]
        if not found:
            raise HTTPException(404, f"no actor with id {actor_id!r} in the knowledge base")
        query = EventQuery(actor=actor_id)
        with backend.reading() as store:
            monthly = trend(store, query, by="month", source=source)
            page = store.event_page(query, source, limit=20)
            briefs = store.article_briefs(sorted({a for rec in page.records for a in rec.get("article_ids") or
                                                  [rec.get("article_id")] if a}))
        return render(request, "actor.html", {
            "title": found[0]["name"], "actor": found[0], "page": page,
            "rows": [event_row(rec, briefs) for rec in page.records],
            "timeline": timeline_svg(monthly, None, height=200, label="events per month") if monthly.rows else None,
        })

    @r.get("/claims", response_class=HTMLResponse)
    def claims_form(request: Request) -> Any:
        return render(request, "claims.html", {"title": "Claim check", "checks": None, "form": {}})

    @r.post("/claims", response_class=HTMLResponse)
    def claims(request: Request, text: str = Form(..., min_length=1), published: str = Form(""),
               title: str = Form(""), source: str = Form("canonical")) -> Any:
        from proxywatch import jobs
        from proxywatch.serve.web.api import ArticleIn, claim_article

        backend = request.app.state.backend
        settings = backend.config.settings
        if source not in ("canonical", "mentions"):
            source = "canonical"
        item = claim_article(ArticleIn(id="pasted", text=text, published=published.strip() or None,
                                       title=title.strip() or None), settings.max_article_chars)
        problems: list[str] = []
        extractor = backend.extractor()
        with backend.reading() as store:
            report = jobs.check_claims(store, [item], extractor, lambda p: problems.append(str(p)), source=source,
                                       min_coverage=settings.claims_min_coverage)
        rows = []
        for check in report.checks:
            row = check.to_json()
            window, filters = row["window"], row["filters"]
            simple = all(k in FILTER_NAMES and isinstance(v, str) for k, v in filters.items())
            if simple and window["end"]:  # the events counted, in the events table (the pasted text is not stored)
                row["behind"] = "/events?" + urlencode({"source": source, **({"since": window["start"]} if
                                                        window["start"] and not window["open_start"] else {}),
                                                        "until": window["end"], **filters})
            rows.append(row)
        return render(request, "claims.html", {
            "title": "Claim check", "checks": rows, "problems": problems, "summary": report.summary(),
            "form": {"text": text, "published": published, "title": title, "source": source},
        })

    @r.get("/api/docs", response_class=HTMLResponse)
    def docs(request: Request) -> Any:
        return render(request, "docs.html", {"title": "API documentation"})

    return r
