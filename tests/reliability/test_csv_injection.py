"""CSV (formula) injection: no CSV-like output lets a spreadsheet run a cell that came from an article.

Probe: names, sources, URLs, places and evidence that begin with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return (OWASP, CSV Injection). Every CSV-like output — ``export`` csv, acled and polecat,
``events --format csv`` and ``events --canonical --format csv`` — must write such a cell with a
leading ``'`` so that it is shown as text, while numbers (a negative longitude) stay numbers.
The article text is written for this test.
"""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from proxywatch.cli import app
from proxywatch.records import Article, Count, DateSpan, Event, Evidence, Party, Place
from proxywatch.serve.export import export_events
from proxywatch.store import Store
from proxywatch.jobs import store_batch

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list
PAYLOADS = ("=HYPERLINK(\"http://x.invalid\",\"a\")", "+1+2", "-2+3", "@SUM(1,2)", "\t=1+1", "\r=1+1")
SENTENCE = "=cmd|' /C calc'!A0 gunmen attacked a checkpoint west of the town."


def _hostile_store(path: str) -> Store:
    events = []
    articles = []
    for i, payload in enumerate(PAYLOADS):
        article_id = f"a{i}"
        text = payload + " " + SENTENCE
        articles.append(Article(article_id, text, published="2024-03-02", source=payload,
                                url=f"{payload}http://example.org/{i}"))
        events.append([Event(
            id=f"e{i}", article_id=article_id, type="ASSAULT", mode="firearms",
            actor=Party(payload, name=payload, country="IRQ", kind="armed_group", sponsors=("IRN",)),
            target=Party("-police", name="-Police of Iraq", country="IRQ", kind="military"),
            location=Place(payload, name=payload, country="IRQ", admin1="+Anbar", lat=33.1, lon=-0.5 - i,
                           precision="city"),
            date=DateSpan(f"2024-03-0{i + 1}", f"2024-03-0{i + 1}", "day"),
            fatalities=Count(2, 2), evidence=Evidence(text, 0, len(text)), confidence=0.7)])
    store = Store(path)
    store_batch(store, [(a, e) for a, e in zip(articles, events)])
    return store


def _cells(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _assert_safe(rows: list[list[str]], numeric: set[str]) -> None:
    header, body = rows[0], rows[1:]
    assert body, "the probe must produce rows"
    for row in body:
        for name, value in zip(header, row):
            if name in numeric:
                float(value or 0)  # numbers stay numbers, even negative ones
                continue
            assert not value.startswith(FORMULA_PREFIXES), f"{name}={value!r} would run as a formula"


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "hostile.duckdb"
    _hostile_store(str(path)).close()
    return str(path)


@pytest.mark.parametrize("fmt, delimiter, numeric", [
    ("csv", ",", {"lat", "lon", "fatalities_low", "fatalities_best", "fatalities_high", "mentions", "sources",
                  "confidence"}),
    ("acled", ",", {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "latitude", "longitude",
                    "geo_precision", "fatalities", "timestamp"}),
    ("polecat", "\t", {"Event Intensity", "Quad Code", "Latitude", "Longitude"}),
])
@pytest.mark.parametrize("source", ["canonical", "mentions"])
def test_every_export_neutralises_formula_cells(db, tmp_path, fmt, delimiter, numeric, source):
    out = tmp_path / f"e.{fmt}"
    with Store(db, read_only=True) as store:
        result = export_events(store, fmt, out, source=source)
    assert result.rows == len(PAYLOADS)
    rows = _cells(out.read_text(encoding="utf-8"), delimiter)
    _assert_safe(rows, numeric)
    text = out.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'@SUM(1,2)" in text  # neutralised, not dropped
    assert ",-0.5," in text or "\t-0.5\t" in text  # a negative longitude is still a number


@pytest.mark.parametrize("extra", [[], ["--canonical"]])
def test_events_csv_neutralises_formula_cells(db, extra):
    result = CliRunner().invoke(app, ["events", "--db", db, "--format", "csv", *extra])
    assert result.exit_code == 0, result.output
    rows = _cells(result.stdout)
    _assert_safe(rows, {"confidence", "fatalities_low", "fatalities_best", "fatalities_high", "mentions", "sources"})
    assert any(value.startswith("'=HYPERLINK") for row in rows for value in row)


def test_the_cell_rule():
    import pyarrow as pa

    from proxywatch.serve.cells import cell, neutralise, neutralise_array

    for payload in PAYLOADS:
        assert neutralise(payload) == "'" + payload
    texts = [*PAYLOADS, "Hezbollah", "a=b", "", None, "'quoted", " =space first"]
    # the columnar rule (csv form) and the row rule (acled, polecat, events) agree
    assert neutralise_array(pa.array(texts)).to_pylist() == [None if t is None else neutralise(t) for t in texts]
    assert neutralise("Hezbollah") == "Hezbollah" and neutralise("a=b") == "a=b"
    assert cell(-70.5) == -70.5 and cell(None) == "" and cell(True) == "true" and cell("-3") == "'-3"
