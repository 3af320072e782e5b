"""SQL is written once, in DuckDB's dialect; this turns it into PostgreSQL's.

The translation is sqlglot's (``read="duckdb", write="postgres"``) plus a thin layer for what it
leaves in DuckDB's form:

* ``?`` placeholders become named ones (``%(p0)s``...), so a placeholder sqlglot repeats in its
  output (``list_contains`` becomes ``CASE WHEN p IS NULL ... p = ANY(...)``) keeps one value;
* ``GROUP BY ALL`` / ``ORDER BY ALL`` are spelled out from the select list;
* an empty list literal ``[]`` becomes ``'{}'`` (PostgreSQL cannot type an empty ``ARRAY[]``);
* a ``%`` inside a string literal is doubled (psycopg reads ``%`` as the start of a placeholder);
* ``min(k, n)`` / ``max(k, n)`` (the n smallest / largest values) become a sorted, sliced ``array_agg``;
* functions DuckDB has and PostgreSQL lacks (``contains``, ``len``/``length`` of a list,
  ``list_sort``, ``list_distinct``) are defined in the database by :data:`PG_FUNCTIONS`.

Translations are cached by query text: the analysis commands send the same few texts repeatedly.
"""

from __future__ import annotations

import re
from functools import lru_cache

import sqlglot
from sqlglot import exp
from sqlglot.tokens import TokenType

__all__ = ["to_postgres", "PG_FUNCTIONS", "PG_DIALECT_VERSION"]

# DuckDB functions the translated SQL calls by name, defined in PostgreSQL (idempotent).
PG_FUNCTIONS = (
    "CREATE OR REPLACE FUNCTION contains(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    "AS 'SELECT strpos($1, $2) > 0'",
    "CREATE OR REPLACE FUNCTION length(anyarray) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    "AS 'SELECT cardinality($1)'",
    "CREATE OR REPLACE FUNCTION array_sort(anyarray) RETURNS anyarray LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    "AS 'SELECT coalesce(array_agg(x ORDER BY x), $1[0:0]) FROM unnest($1) x'",
    "CREATE OR REPLACE FUNCTION array_distinct(anyarray) RETURNS anyarray LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    "AS 'SELECT coalesce(array_agg(DISTINCT x) FILTER (WHERE x IS NOT NULL), $1[0:0]) FROM unnest($1) x'",
)
PG_DIALECT_VERSION = 1  # bump when PG_FUNCTIONS change

_CAST = re.compile(r"\?::([A-Za-z]+(?:\[\])?)")  # ``?::VARCHAR[]``, which sqlglot does not parse
_DUCK = sqlglot.Dialect.get_or_raise("duckdb")
_PARAM = re.compile(r"%%\((p\d+)\)s")


def _spell_out_all(node: exp.Expression) -> exp.Expression:
    if not isinstance(node, exp.Select):
        return node
    items = node.expressions
    group = node.args.get("group")
    if group is not None and group.args.get("all"):
        keys = [exp.Literal.number(i + 1) for i, e in enumerate(items)
                if not (e.this if isinstance(e, exp.Alias) else e).find(exp.AggFunc)]
        node.set("group", exp.Group(expressions=keys) if keys else None)
    order = node.args.get("order")
    if order is not None and len(order.expressions) == 1 and isinstance(order.expressions[0].this, exp.Var) \
            and order.expressions[0].this.name.upper() == "ALL":
        if any(isinstance(e, exp.Star) for e in items):
            raise ValueError("ORDER BY ALL over SELECT * cannot be translated: name the columns")
        desc = order.expressions[0].args.get("desc")
        node.set("order", exp.Order(expressions=[exp.Ordered(this=exp.Literal.number(i + 1), desc=desc)
                                                 for i in range(len(items))]))
    return node


def _first_n(agg: exp.Expression) -> exp.Expression:
    """DuckDB's ``min(k, n)`` / ``max(k, n)`` (the n smallest / largest non-NULL k, in order) as
    ``(array_agg(k ORDER BY k NULLS LAST))[1:n]`` (NULLs, if any, come last: the caller reads them
    as no value)."""
    desc = " DESC" if isinstance(agg, exp.Max) else ""
    form = sqlglot.parse_one(f"(ARRAY_AGG(_k ORDER BY _k{desc} NULLS LAST))[1:_n]", read="postgres")
    parts = {"_k": agg.this, "_n": agg.args["count"]}
    return form.transform(lambda n: parts[n.name].copy() if isinstance(n, exp.Column) and n.name in parts else n)


def _postgres_forms(node: exp.Expression) -> exp.Expression:
    """DuckDB forms sqlglot leaves as they are, in PostgreSQL's spelling."""
    if isinstance(node, (exp.Max, exp.Min)) and node.args.get("count"):
        return _first_n(node)
    if isinstance(node, (exp.Explode, exp.Unnest)):
        inner = node.this if isinstance(node, exp.Explode) else (node.expressions or [None])[0]
        if isinstance(inner, exp.GenerateSeries) and not isinstance(node.parent, (exp.From, exp.Join)):
            return inner  # DuckDB's generate_series is a list; PostgreSQL's already returns rows
    if isinstance(node, exp.JSONObject):
        pairs = [part for kv in node.expressions for part in (kv.this, kv.expression)]
        return exp.Anonymous(this="json_build_object", expressions=pairs)
    if isinstance(node, exp.Subquery) and not node.alias and isinstance(node.parent, (exp.From, exp.Join)):
        node.set("alias", exp.TableAlias(this=exp.to_identifier(f"_q{id(node) % 100000}")))
    return node


def _numbered(sql: str) -> tuple[str, int]:
    """Each ``?`` (not in a string) as ``$pN``, numbered in reading order."""
    sql = _CAST.sub(r"CAST(? AS \1)", sql)
    marks = [t.start for t in _DUCK.tokenize(sql) if t.token_type == TokenType.PLACEHOLDER and t.text == "?"]
    for n, at in reversed(list(enumerate(marks))):
        sql = f"{sql[:at]}$p{n}{sql[at + 1:]}"
    return sql, len(marks)


@lru_cache(maxsize=512)
def to_postgres(sql: str) -> tuple[str, int]:
    """PostgreSQL text of a DuckDB query, with ``%(pN)s`` placeholders, and the number of ``?``."""
    numbered, count = _numbered(sql)
    tree = sqlglot.parse_one(numbered, read="duckdb").transform(_spell_out_all).transform(_postgres_forms)
    for node in list(tree.find_all(exp.Array)):
        if not node.expressions:
            node.replace(exp.Literal.string("{}"))
    text = tree.sql(dialect="postgres").replace("%", "%%")
    return _PARAM.sub(r"%(\1)s", text), count
