"""DuckDB SQL turned into PostgreSQL's: sqlglot plus the thin layer of store/dialect.py."""

from __future__ import annotations

from proxywatch.store.dialect import to_postgres


def test_placeholders_are_numbered_in_reading_order_and_a_repeated_one_keeps_its_value():
    text, n = to_postgres("SELECT unnest(?::VARCHAR[]), '?', CAST(? AS DATE) FROM t WHERE list_contains(x, ?)")
    assert n == 3
    assert text.index("%(p0)s") < text.index("%(p1)s") < text.index("%(p2)s")
    assert text.count("%(p2)s") == 2  # list_contains becomes CASE WHEN p IS NULL ... p = ANY(x)
    assert "'?'" in text


def test_group_by_all_and_order_by_all_are_spelled_out():
    text, _ = to_postgres("SELECT a, b, count(*) FROM t GROUP BY ALL ORDER BY ALL")
    assert text.endswith("GROUP BY 1, 2 ORDER BY 1, 2, 3")


def test_percent_signs_in_literals_are_doubled_for_psycopg():
    text, _ = to_postgres("SELECT 'a%b', x FROM t WHERE y = ?")
    assert "'a%%b'" in text and text.endswith("%(p0)s")


def test_duckdb_forms_postgres_lacks():
    text, _ = to_postgres("SELECT coalesce(s, []), unnest(generate_series(1, 3)), json_object('k', v) "
                          "FROM (SELECT 1 AS v, ['x'] AS s)")
    assert "'{}'" in text and "UNNEST(GENERATE_SERIES" not in text and "GENERATE_SERIES(1, 3)" in text
    assert "JSON_BUILD_OBJECT('k', v)" in text
    assert text.split(") AS ")[-1].startswith("_q")  # PostgreSQL 15 wants an alias on a FROM subquery


def test_translations_are_cached():
    to_postgres.cache_clear()
    to_postgres("SELECT 1")
    to_postgres("SELECT 1")
    assert to_postgres.cache_info().hits == 1


def test_order_by_all_over_a_star_is_refused_rather_than_half_sorted():
    import pytest

    with pytest.raises(ValueError, match="name the columns"):
        to_postgres("SELECT * FROM t ORDER BY ALL")
