"""Read articles from files: contract JSON Lines, plain text, HTML and RSS/Atom.

The ``parse_*`` functions are pure (bytes in, records out); :func:`read_articles`
does the file I/O. Each yields :class:`~proxywatch.records.Article` records and
:class:`~proxywatch.errors.InputProblem` reports in input order, so one bad line
or file never stops the batch.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import sys
import time
from dataclasses import dataclass, replace
from itertools import accumulate
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as safe_xml
import feedparser
import lxml.html
import trafilatura
from defusedxml import DefusedXmlException

from proxywatch.errors import ContractError, InputProblem
from proxywatch.ingest.language import unsupported_language
from proxywatch.records import Article, published_day

__all__ = [
    "SUFFIXES",
    "STDIN",
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


STDIN = "-"  # the path that means standard input


@dataclass(frozen=True)
class ReadOptions:
    """What a reader needs besides the bytes: limits, the fallback publication date, and whether to follow a
    symbolic link out of a folder being read."""

    published: str | None = None
    max_bytes: int = 25 * 1024 * 1024
    max_chars: int = 300_000
    max_json_depth: int = 32  # an article is a flat object: deeper nesting is an attack or a mistake
    max_number_digits: int = 100  # a number longer than this is refused, not converted (CPU)
    follow_symlinks: bool = False


def _decode(data: bytes, name: str, line: int | None = None) -> str | InputProblem:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        return InputProblem.at(name, f"not valid UTF-8 (byte 0x{bad} at offset {exc.start})", line)


def _checked(article: Article, name: str, opts: ReadOptions, line: int | None = None) -> Iterator[Item]:
    """The article after the checks every reader makes: length, publication date, language. A refused
    article is one problem; a kept one may come with warnings (``kept=True``) before it."""
    if len(article.text) > opts.max_chars:
        yield InputProblem.at(
            name,
            f"article {article.id!r} has {len(article.text):,} characters, over the limit of "
            f"{opts.max_chars:,} (setting max_article_chars)",
            line,
        )
        return
    if article.published is not None and published_day(article.published) is None:
        fallback = opts.published if published_day(opts.published) else None
        yield InputProblem.at(
            name, f"article {article.id!r}: published {article.published!r} is not an ISO 8601 date; "
                  + (f"using --published {fallback}" if fallback else
                     "kept without it, so dates such as 'on Monday' in its text stay unresolved"), line, kept=True)
        article = replace(article, published=fallback)
    language = unsupported_language(article.text)
    if language:
        yield InputProblem.at(name, f"article {article.id!r} looks like {language}; only English is supported, so "
                                    "no events will be found in it", line, kept=True)
    yield article


def _make(name: str, line: int | None = None, **fields: str | None) -> Article | InputProblem:
    try:
        return Article(**fields)  # type: ignore[arg-type]
    except ContractError as exc:
        return InputProblem.at(name, str(exc), line)


class _NumberTooLong(ValueError):
    pass


def _json_depth(text: str) -> int:
    """How deeply arrays and objects nest in a JSON text (brackets inside strings do not count)."""
    if text.count("[") + text.count("{") <= 1:
        return text.count("[") + text.count("{")
    bare = re.sub(r'"(?:[^"\\]|\\.)*"', "", text)
    steps = (1 if c in "[{" else -1 for c in re.findall(r"[\[\]{}]", bare))
    return max(accumulate(steps), default=0)


def _load_json(text: str, opts: ReadOptions) -> tuple[object, str | None]:
    """A JSON line parsed within the limits: (value, None), or (None, why it is refused)."""
    depth = _json_depth(text)
    if depth > opts.max_json_depth:
        return None, f"JSON nested {depth:,} levels deep, over the limit of {opts.max_json_depth}"

    def number(digits: str) -> int:
        if len(digits.lstrip("-")) > opts.max_number_digits:
            raise _NumberTooLong(f"a number with {len(digits.lstrip('-')):,} digits, over the limit of "
                                 f"{opts.max_number_digits}")
        return int(digits)

    def constant(word: str) -> float:
        raise _NumberTooLong(f"{word} is not a JSON value")

    try:
        return json.loads(text, parse_int=number, parse_constant=constant), None
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg} at column {exc.colno})"
    except _NumberTooLong as exc:
        return None, f"not accepted: {exc}"
    except (ValueError, RecursionError) as exc:  # any other limit of the decoder
        return None, f"not valid JSON ({type(exc).__name__}: {exc})"


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
        obj, refused = _load_json(text, opts)
        if refused:
            yield InputProblem.at(name, refused, number)
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
        yield from _checked(article, name, opts, number)


def parse_text(data: bytes, name: str, opts: ReadOptions) -> Iterator[Item]:
    """A plain-text article: id is the file name without suffix."""
    text = _decode(data, name)
    if isinstance(text, InputProblem):
        yield text
        return
    if not text.strip():
        yield InputProblem.at(name, "no text (only white space)")
        return
    yield from _checked(Article(id=Path(name).stem, text=text, published=opts.published), name, opts)


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
    article = _make(
        name,
        id=Path(name).stem,
        text=body["text"],
        published=body.get("date") or opts.published,
        title=body.get("title"),
        url=body.get("source") or body.get("url"),
        author=body.get("author"),
        source=body.get("sitename") or body.get("hostname"),
    )
    yield from _checked(article, name, opts) if isinstance(article, Article) else [article]


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
    feed = feedparser.parse(io.BytesIO(data))  # a stream: bytes could be taken for a file name or URL
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
        article = _make(name, number, id=ident, text=text, published=_entry_date(entry) or opts.published,
                        title=entry.get("title"), url=entry.get("link"), author=entry.get("author"),
                        source=feed.feed.get("title"))
        if isinstance(article, InputProblem):
            yield InputProblem.at(name, f"entry {number}: {article.message}")
            continue
        yield from _checked(article, name, opts)


PARSERS = {"jsonl": parse_jsonl, "text": parse_text, "html": parse_html, "feed": parse_feed}


def _outside(link: Path, folder: Path) -> Path | None:
    """Where a symbolic link found in ``folder`` leads, if that is outside the folder; else None."""
    if not link.is_symlink():
        return None
    target = link.resolve()
    return None if target.is_relative_to(folder.resolve()) else target


def input_files(paths: Iterable[Path], follow_symlinks: bool = False) -> Iterator[Path | InputProblem]:
    """The files to read: each path named, and the files in each folder named (recursively, sorted, hidden
    ones left out). A symbolic link in a folder that leads out of it is reported, not followed, unless
    ``follow_symlinks``; a path named on its own is read wherever it leads."""
    for path in paths:
        if str(path) == STDIN:
            yield path
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            if not found:
                yield InputProblem.at(path, "directory has no files")
            for file in found:
                target = None if follow_symlinks else _outside(file, path)
                if target is not None:
                    yield InputProblem.at(file, f"symbolic link to {target}, outside {path}; not followed "
                                                "(pass --follow-symlinks to read it)")
                else:
                    yield file
        elif path.is_file():
            yield path
        elif path.exists():
            yield InputProblem.at(path, "not a regular file")
        else:
            yield InputProblem.at(path, "no such file or directory")


def _sniff(data: bytes) -> str:
    """The kind of standard input, from its first bytes: JSON Lines, a feed, HTML, or plain text."""
    head = data.lstrip()[:512].lower()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf")):
        return "feed"
    if head.startswith(b"<"):
        return "html"
    return "text"


def _read_limited(handle: BinaryIO, limit: int) -> bytes | None:
    """At most ``limit`` bytes, or None if there are more."""
    data = handle.read(limit + 1)
    return None if len(data) > limit else data


def _too_big(name: str | Path, opts: ReadOptions, size: int | None = None) -> InputProblem:
    mb = 1024 * 1024  # the unit of max_file_mb and of ReadOptions.max_bytes' default
    what = f"file is {size / mb:.3g} MB ({size:,} bytes), over" if size is not None else "input is over"
    return InputProblem.at(
        name, f"{what} the {opts.max_bytes / mb:g} MB limit (setting max_file_mb, env PROXYWATCH_MAX_FILE_MB)")


def read_stdin(opts: ReadOptions, stream: BinaryIO | None = None) -> Iterator[Item]:
    """Articles from standard input (``-``): JSON Lines, a feed, an HTML page or plain text, by its first bytes.
    Plain text and HTML make one article with the id ``stdin``."""
    data = _read_limited(stream or sys.stdin.buffer, opts.max_bytes)
    if data is None:
        yield _too_big("<stdin>", opts)
        return
    yield from _parse_bytes(data, "<stdin>", _sniff(data), opts)


def _parse_bytes(data: bytes, name: str, kind: str, opts: ReadOptions) -> Iterator[Item]:
    if not data.strip():
        yield InputProblem.at(name, "empty file")
        return
    if b"\x00" in data[:8192]:
        yield InputProblem.at(name, "binary file, not text")
        return
    if name == "<stdin>" and kind in ("text", "html"):
        name = "stdin"  # the article id comes from the name's stem
    yield from PARSERS[kind](data, name, opts)


def read_file(path: Path, opts: ReadOptions) -> Iterator[Item]:
    if str(path) == STDIN:
        yield from read_stdin(opts)
        return
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(sorted(set(SUFFIXES)))
        yield InputProblem.at(path, f"unsupported file type {path.suffix or '(none)'!r} (expected one of {known})")
        return
    try:  # the file may have gone, or changed, since its folder was listed
        size = path.stat().st_size
        if size > opts.max_bytes:
            yield _too_big(path, opts, size)
            return
        with path.open("rb") as handle:
            data = _read_limited(handle, opts.max_bytes)
    except OSError as exc:
        yield InputProblem.at(path, f"cannot read ({exc.strerror or type(exc).__name__})")
        return
    if data is None:  # it grew after the size was read
        yield _too_big(path, opts)
        return
    yield from _parse_bytes(data, str(path), kind, opts)


def read_articles(paths: Iterable[str | Path], opts: ReadOptions | None = None) -> Iterator[Item]:
    """Articles and problems from files and directories (recursively), in order; ``-`` is standard input."""
    opts = opts or ReadOptions()
    for item in input_files((Path(p) for p in paths), opts.follow_symlinks):
        if isinstance(item, InputProblem):
            yield item
        else:
            yield from read_file(item, opts)
