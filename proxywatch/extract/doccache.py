"""Entities read once per document.

spaCy's ``Doc.ents`` builds a new ``Span`` for every entity of the document on each access, and
``Span.ents`` goes through it, so a rule that asks a sentence for its entities pays for the whole
document. The rules ask often (every mention's core, every place and date), so the entity
boundaries are kept in ``doc.user_data["pw_ents"]`` (plain integers) after the first read, and
:func:`sent_ents` gives the same list as ``sent.ents`` from them.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span

__all__ = ["doc_ents", "ent_bounds", "sent_ents"]


def _table(doc: Doc) -> tuple[list[int], list[tuple[int, int, int, int, int]]]:
    table = doc.user_data.get("pw_ents")
    if table is None:
        rows = [(e.start, e.end, e.label, e.kb_id, e.id) for e in doc.ents]
        table = doc.user_data["pw_ents"] = ([r[0] for r in rows], rows)
    return table


def _span(doc: Doc, row: tuple[int, int, int, int, int]) -> Span:
    start, end, label, kb_id, span_id = row
    return Span(doc, start, end, label=label, kb_id=kb_id, span_id=span_id)


def doc_ents(doc: Doc) -> list[Span]:
    """``doc.ents``, from the cached table."""
    return [_span(doc, row) for row in _table(doc)[1]]


def sent_ents(span: Span) -> list[Span]:
    """``span.ents``: the entities wholly inside ``span``, in order (spaCy stops at the first one that
    starts inside and ends beyond it; so does this)."""
    doc = span.doc
    starts, rows = _table(doc)
    out: list[Span] = []
    for row in rows[bisect_left(starts, span.start):]:
        if row[1] > span.end:
            break
        out.append(_span(doc, row))
    return out


def ent_bounds(doc: Doc, i: int) -> tuple[int, int] | None:
    """(start, end) of the entity holding token ``i``, or None."""
    starts, rows = _table(doc)
    n = bisect_left(starts, i + 1) - 1
    if n >= 0 and rows[n][0] <= i < rows[n][1]:
        return rows[n][0], rows[n][1]
    return None
