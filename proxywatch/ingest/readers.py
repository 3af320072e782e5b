"""Read articles from files: contract JSON Lines, plain text, HTML and RSS/Atom.

The ``parse_*`` functions are pure (bytes in, records out); :func:`read_articles`
does the file I/O. Each yields :class:`~proxywatch.records.Article` records and
:class:`~proxywatch.errors.InputProblem` reports in input order, so one bad line
or file never stops the batch.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as safe_xml
import feedparser
import lxml.html
import trafilatura
from defusedxml import DefusedXmlException

from proxywatch.errors import ContractError, InputProblem
from proxywatch.records import Article

__all__ = [
    "SUFFIXES",
    "ReadOptions",
    "read_articles",
    "input_files",
    "read_file",
    "parse_jsonl",
    "parse_text",
    "parse_html",
    "parse_feed",
]

SUFFIXES = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}

Item = Article | InputProblem


@dataclass(frozen=True)
class ReadOptions:
    """What a reader needs besides the bytes: limits and the fallback publication date."""

    published: str | None = None
    max_bytes: int = 25 * 1024 * 1024
    max_chars: int = 300_000


def _decode(data: bytes, name: str, line: int | None = None) -> str | InputProblem:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        return InputProblem.at(name, f"not valid UTF-8 (byte 0x{bad} at offset {exc.start})", line)


def _limit(article: Article, name: str, opts: ReadOptions, line: int | None = None) -> Item:
    if len(article.text) > opts.max_chars:
        return InputProblem.at(
            name,
            f"article {article.id!r} has {len(article.text):,} characters, over the limit of "
            f"{opts.max_chars:,} (setting max_article_chars)",
            line,
        )
    return article


def parse_jsonl(data: bytes, name: str, opts: ReadOptions) -> Iterator[Item]:
    """Contract section 1: one JSON object per line; bad lines reported by number."""
    seen: dict[str, int] = {}
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        text = _decode(raw, name, number)
        if isinstance(text, InputProblem):
            yield text
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield InputProblem.at(name, f"not valid JSON ({exc.msg} at column {exc.colno})", number)
            continue
        if not isinstance(obj, dict):
            yield InputProblem.at(name, f"expected a JSON object, got {type(obj).__name__}", number)
            continue
        if opts.published and "published" not in obj:
            obj["published"] = opts.published
        try:
            article = Article.from_json(obj)
        except ContractError as exc:
            yield InputProblem.at(name, str(exc), number)
            continue
        if article.id in seen:
            yield InputProblem.at(name, f"duplicate id {article.id!r} (first at line {seen[article.id]}); skipped", number)
            continue
        seen[article.id] = number
        yield _limit(article, name, opts, number)


def parse_text(data: bytes, name: str, opts: ReadOptions) -> Iterator[Item]:
    """A plain-text article: id is the file name without suffix."""
    text = _decode(data, name)
    if isinstance(text, InputProblem):
        yield text
        return
    if not text.strip():
        yield InputProblem.at(name, "no text (only white space)")
        return
    yield _limit(Article(id=Path(name).stem, text=text, published=opts.published), name, opts)


def parse_html(data: bytes, name: str, opts: ReadOptions) -> Iterator[Item]:
    """An HTML page: main text by trafilatura, title and date from its metadata."""
    text = _decode(data, name)
    if isinstance(text, InputProblem):
        yield text
        return
    found = trafilatura.extract(
        text, output_format="json", with_metadata=True, include_comments=False, prune_xpath="//nav"
    )
    body = json.loads(found) if found else {}
    if not (body.get("text") or "").strip():
        yield InputProblem.at(name, "no body text found in the HTML")
        return
    article = Article(
        id=Path(name).stem,
        text=body["text"],
        published=body.get("date") or opts.published,
        title=body.get("title"),
        url=body.get("source") or body.get("url"),
        author=body.get("author"),
        source=body.get("sitename") or body.get("hostname"),
    )
    yield _limit(article, name, opts)


_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "table", "blockquote",
    "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "figure", "figcaption",
}


def _entry_text(entry: dict) -> str:
    parts = entry.get("content") or []
    html = parts[0].get("value") if parts else entry.get("summary", "")
    if not html or not html.strip():
        return ""
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in fragment.iter():
        if element.tag in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return " ".join(fragment.text_content().split())


def _entry_date(entry: dict) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", value)
    return None


def parse_feed(data: bytes, name: str, opts: ReadOptions) -> Iterator[Item]:
    """An RSS or Atom feed: one article per entry. The XML is checked with defusedxml first."""
    try:
        root = safe_xml.fromstring(data)
    except ParseError as exc:
        line, col = exc.position
        yield InputProblem.at(name, f"malformed feed: not well-formed XML at column {col}", line)
        return
    except DefusedXmlException as exc:
        yield InputProblem.at(name, f"refused feed: unsafe XML ({type(exc).__name__})")
        return
    tag = root.tag.rsplit("}", 1)[-1].lower()
    if tag not in ("rss", "feed", "rdf"):
        yield InputProblem.at(name, f"not an RSS or Atom feed (root element <{tag}>)")
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        yield InputProblem.at(name, "feed has no entries")
        return
    for number, entry in enumerate(feed.entries, start=1):
        text = _entry_text(entry)
        ident = entry.get("id") or entry.get("link")
        if not ident:
            ident = hashlib.sha256((entry.get("title", "") + text).encode()).hexdigest()[:16]
        if not text:
            yield InputProblem.at(name, f"entry {number} ({ident}) has no text")
            continue
        yield _limit(
            Article(
                id=ident,
                text=text,
                published=_entry_date(entry) or opts.published,
                title=entry.get("title"),
                url=entry.get("link"),
                author=entry.get("author"),
                source=feed.feed.get("title"),
            ),
            name,
            opts,
        )


PARSERS = {"jsonl": parse_jsonl, "text": parse_text, "html": parse_html, "feed": parse_feed}


def input_files(paths: Iterable[Path]) -> Iterator[Path | InputProblem]:
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            if not found:
                yield InputProblem.at(path, "directory has no files")
            yield from found
        elif path.is_file():
            yield path
        elif path.exists():
            yield InputProblem.at(path, "not a regular file")
        else:
            yield InputProblem.at(path, "no such file or directory")


def read_file(path: Path, opts: ReadOptions) -> Iterator[Item]:
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(sorted(set(SUFFIXES)))
        yield InputProblem.at(path, f"unsupported file type {path.suffix or '(none)'!r} (expected one of {known})")
        return
    size = path.stat().st_size
    if size > opts.max_bytes:
        mb = 1024 * 1024  # the unit of max_file_mb and of ReadOptions.max_bytes' default
        yield InputProblem.at(
            path,
            f"file is {size / mb:.3g} MB ({size:,} bytes), over the {opts.max_bytes / mb:g} MB limit "
            "(setting max_file_mb, env PROXYWATCH_MAX_FILE_MB)",
        )
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputProblem.at(path, f"cannot read ({exc.strerror})")
        return
    if not data.strip():
        yield InputProblem.at(path, "empty file")
        return
    if b"\x00" in data[:8192]:
        yield InputProblem.at(path, "binary file, not text")
        return
    yield from PARSERS[kind](data, str(path), opts)


def read_articles(paths: Iterable[str | Path], opts: ReadOptions | None = None) -> Iterator[Item]:
    """Articles and problems from files and directories (recursively), in order."""
    opts = opts or ReadOptions()
    for item in input_files(Path(p) for p in paths):
        if isinstance(item, InputProblem):
            yield item
        else:
            yield from read_file(item, opts)
