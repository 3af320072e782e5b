"""Readers: every input file is built here, in tmp_path, from short made-up sentences."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from proxywatch.errors import InputProblem
from proxywatch.ingest.readers import ReadOptions, parse_feed, parse_html, parse_jsonl, parse_text, read_articles
from proxywatch.records import Article

# --- building inputs ------------------------------------------------------------------------

PARAGRAPHS = [
    "Two cranes at the northern harbour were damaged late on Tuesday when a small explosive boat "
    "struck the main pier, port officials said.",
    "Nobody was hurt in the blast, according to the harbour master, who said work would resume once "
    "engineers had inspected the quay.",
    "Shipping agents said three freighters waiting offshore had been told to hold their positions "
    "until the morning.",
]

HTML_ARTICLE = (
    "<!DOCTYPE html><html><head><title>Harbour cranes damaged in night raid</title>"
    '<meta property="article:published_time" content="2024-01-30"></head>'
    "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
    "<article><h1>Harbour cranes damaged in night raid</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article><footer>Example Wire</footer></body></html>"
)

HTML_NO_BODY = (
    "<html><head><title>Menu</title><script>var greeting = 'hello';</script></head>"
    "<body><nav><a href='/'>Home</a></nav></body></html>"
)

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>Example Wire</title>
<link>https://example.invalid/</link>
<description>A made-up feed</description>
<item>
<title>Ferry stopped at sea</title>
<link>https://example.invalid/ferry</link>
<guid isPermaLink="false">wire-0001</guid>
<pubDate>Sun, 28 Jan 2024 10:30:00 GMT</pubDate>
<description>&lt;p&gt;A ferry was &lt;b&gt;stopped&lt;/b&gt; by a patrol boat.&lt;/p&gt;&lt;p&gt;Its crew were questioned.&lt;/p&gt;</description>
</item>
<item>
<title>Talks resume</title>
<link>https://example.invalid/talks</link>
<guid isPermaLink="false">wire-0002</guid>
<pubDate>Mon, 29 Jan 2024 08:00:00 +0200</pubDate>
<description><![CDATA[<p>Envoys met in the capital<br/>and agreed to meet again.</p>]]></description>
</item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Wire</title>
<id>urn:uuid:feed-1</id>
<updated>2024-02-02T07:00:00Z</updated>
<entry>
<title>Bridge closed</title>
<id>urn:uuid:entry-1</id>
<link href="https://example.invalid/bridge"/>
<published>2024-02-01T09:15:00Z</published>
<updated>2024-02-01T10:00:00Z</updated>
<content type="html">&lt;p&gt;The river bridge was closed after a &lt;em&gt;warning&lt;/em&gt;.&lt;/p&gt;</content>
</entry>
<entry>
<title>Market reopens</title>
<id>urn:uuid:entry-2</id>
<updated>2024-02-02T07:00:00Z</updated>
<summary>Stalls opened again in the old market.</summary>
</entry>
</feed>
"""

# Cut inside the second <item>: not well-formed.
RSS_TRUNCATED = RSS[: RSS.index("<title>Talks resume")] + "<title>Talks res"

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol4;</title>
<item><title>x</title><description>&lol4;</description></item></channel></rss>
"""

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01"


def jsonl(*objects) -> str:
    return "".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objects)


def put(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def read(*paths, **opts) -> list:
    return list(read_articles(paths, ReadOptions(**opts)))


def articles(items) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def problems(items) -> list[InputProblem]:
    return [i for i in items if isinstance(i, InputProblem)]


def check_problem(problem, path) -> str:
    """Every problem is one line that starts with the file it is about."""
    assert isinstance(problem, InputProblem), problem
    text = str(problem)
    assert "\n" not in text and "\r" not in text, repr(text)
    assert text.startswith(f"{path}:"), (text, str(path))
    return text


def only_problem(items, path) -> str:
    assert len(items) == 1, items
    return check_problem(items[0], path)


# --- JSON Lines -----------------------------------------------------------------------------


def test_good_jsonl(tmp_path):
    path = put(tmp_path / "good.jsonl", jsonl(
        {"id": "a1", "text": "A convoy was stopped at the border.", "published": "2024-01-05", "title": "Convoy"},
        {"id": "a2", "text": "Envoys met on Monday.", "lang": "en", "keywords": ["talks", "envoys"]},
    ))
    items = read(path)
    assert [type(i) for i in items] == [Article, Article]
    first, second = items
    assert (first.id, first.text, first.published, first.title) == (
        "a1", "A convoy was stopped at the border.", "2024-01-05", "Convoy")
    assert second.id == "a2" and second.published is None
    assert dict(second.metadata) == {"lang": "en"}
    assert second.keywords == "talks, envoys"


def test_jsonl_fallback_published_only_fills_missing(tmp_path):
    path = put(tmp_path / "dated.jsonl", jsonl(
        {"id": "d1", "text": "One.", "published": "2024-01-05"},
        {"id": "d2", "text": "Two."},
    ))
    items = read(path, published="2023-06-01")
    assert [a.published for a in items] == ["2024-01-05", "2023-06-01"]


def test_jsonl_blank_lines_and_crlf_are_fine(tmp_path):
    path = put(tmp_path / "crlf.jsonl", b'{"id": "c1", "text": "One."}\r\n\r\n\n{"id": "c2", "text": "Two."}\r\n')
    assert [a.id for a in read(path)] == ["c1", "c2"]


def test_jsonl_utf8_bom_is_ignored(tmp_path):
    path = put(tmp_path / "bom.jsonl", b"\xef\xbb\xbf" + jsonl({"id": "b1", "text": "Caf\u00e9 closed."}).encode())
    items = read(path)
    assert [(a.id, a.text) for a in items] == [("b1", "Caf\u00e9 closed.")]


def test_jsonl_non_json_line(tmp_path):
    path = put(tmp_path / "mixed.jsonl", jsonl(
        {"id": "m1", "text": "First."},
        "this is not json {",
        {"id": "m3", "text": "Third."},
    ))
    items = read(path)
    assert [type(i) for i in items] == [Article, InputProblem, Article]
    assert [a.id for a in articles(items)] == ["m1", "m3"]
    text = check_problem(items[1], path)
    assert text.startswith(f"{path}:2: not valid JSON")
    assert items[1].line == 2


def test_jsonl_line_not_an_object(tmp_path):
    path = put(tmp_path / "array.jsonl", jsonl(["id", "text"], {"id": "x", "text": "Fine."}, '"just a string"', "42"))
    items = read(path)
    found = problems(items)
    assert [p.line for p in found] == [1, 3, 4]
    assert check_problem(found[0], path) == f"{path}:1: expected a JSON object, got list"
    assert check_problem(found[1], path) == f"{path}:3: expected a JSON object, got str"
    assert check_problem(found[2], path) == f"{path}:4: expected a JSON object, got int"
    assert [a.id for a in articles(items)] == ["x"]


def test_jsonl_line_without_id(tmp_path):
    path = put(tmp_path / "noid.jsonl", jsonl({"id": "ok", "text": "Fine."}, {"text": "No id here."}))
    items = read(path)
    assert [a.id for a in articles(items)] == ["ok"]
    (problem,) = problems(items)
    assert check_problem(problem, path) == f"{path}:2: missing required field 'id'"


def test_jsonl_line_with_null_id(tmp_path):
    path = put(tmp_path / "nullid.jsonl", jsonl({"id": None, "text": "Null id."}, {"id": "ok", "text": "Fine."}))
    items = read(path)
    assert [a.id for a in articles(items)] == ["ok"]
    (problem,) = problems(items)
    assert check_problem(problem, path) == f"{path}:1: missing required field 'id'"


def test_jsonl_line_without_text(tmp_path):
    path = put(tmp_path / "notext.jsonl", jsonl({"id": "t1"}, {"id": "t2", "text": "   "}, {"id": "t3", "text": "Fine."}))
    items = read(path)
    assert [a.id for a in articles(items)] == ["t3"]
    first, second = problems(items)
    assert check_problem(first, path) == f"{path}:1: missing required field 'text'"
    assert check_problem(second, path) == f"{path}:2: field 'text' is empty"


def test_jsonl_wrong_field_type(tmp_path):
    path = put(tmp_path / "types.jsonl", jsonl({"id": "w", "text": "Fine.", "title": 5}))
    items = read(path)
    assert check_problem(items[0], path) == f"{path}:1: field 'title' must be a string, not int"


def test_jsonl_invalid_utf8_loses_only_that_line(tmp_path):
    data = (
        jsonl({"id": "u1", "text": "Before."}).encode()
        + b'{"id": "u2", "text": "Broken \xff\xfe byte."}\n'
        + jsonl({"id": "u3", "text": "After \u00e9."}).encode()
    )
    path = put(tmp_path / "utf8.jsonl", data)
    items = read(path)
    assert [a.id for a in articles(items)] == ["u1", "u3"]
    assert articles(items)[1].text == "After \u00e9."
    (problem,) = problems(items)
    assert problem.line == 2
    text = check_problem(problem, path)
    assert text.startswith(f"{path}:2: not valid UTF-8")
    assert "0xff" in text


def test_jsonl_duplicate_id(tmp_path):
    path = put(tmp_path / "dup.jsonl", jsonl(
        {"id": "same", "text": "First copy."},
        {"id": "other", "text": "Other."},
        {"id": "same", "text": "Second copy."},
    ))
    items = read(path)
    assert [(a.id, a.text) for a in articles(items)] == [("same", "First copy."), ("other", "Other.")]
    (problem,) = problems(items)
    assert check_problem(problem, path) == f"{path}:3: duplicate id 'same' (first at line 1); skipped"


def test_jsonl_article_over_max_chars(tmp_path):
    path = put(tmp_path / "long.jsonl", jsonl({"id": "long", "text": "word " * 40}, {"id": "short", "text": "Brief."}))
    items = read(path, max_chars=100)
    assert [a.id for a in articles(items)] == ["short"]
    (problem,) = problems(items)
    text = check_problem(problem, path)
    assert problem.line == 1
    assert "'long' has 200 characters" in text
    assert "limit of 100" in text
    assert "max_article_chars" in text


def test_parse_jsonl_is_pure():
    items = list(parse_jsonl(b'{"id": "p", "text": "Pure."}\nnope\n', "memory.jsonl", ReadOptions()))
    assert items[0] == Article(id="p", text="Pure.")
    assert str(items[1]).startswith("memory.jsonl:2: not valid JSON")


# --- whole-file problems -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.jsonl", "empty.txt", "empty.html", "empty.rss"])
def test_empty_file(tmp_path, name):
    path = put(tmp_path / name, b"")
    assert only_problem(read(path), path) == f"{path}: empty file"


@pytest.mark.parametrize("name", ["blank.jsonl", "blank.txt"])
def test_whitespace_only_file(tmp_path, name):
    path = put(tmp_path / name, " \n\t\r\n   \n")
    assert only_problem(read(path), path) == f"{path}: empty file"


@pytest.mark.parametrize("name", ["data.txt", "data.jsonl", "data.html"])
def test_binary_file(tmp_path, name):
    path = put(tmp_path / name, b"some text\x00\x01\x02\x03more\x00")
    assert only_problem(read(path), path) == f"{path}: binary file, not text"


def test_invalid_utf8_text_file(tmp_path):
    path = put(tmp_path / "latin1.txt", "Caf\u00e9 owners said the street was quiet.".encode("latin-1"))
    text = only_problem(read(path), path)
    assert text == f"{path}: not valid UTF-8 (byte 0xe9 at offset 3)"


def test_file_over_size_limit(tmp_path):
    path = put(tmp_path / "big.jsonl", jsonl(*({"id": f"b{i}", "text": "x" * 90} for i in range(50))))
    assert 5000 <= path.stat().st_size < 6000
    text = only_problem(read(path, max_bytes=1000), path)
    assert "MB" in text and "limit" in text
    assert "max_file_mb" in text
    # The size shown must read as bigger than the limit shown.
    numbers = [float(n) for n in re.findall(r"([0-9]+(?:\.[0-9]+)?(?:e-?[0-9]+)?) MB", text)]
    assert len(numbers) == 2, text
    size_shown, limit_shown = numbers
    assert size_shown > limit_shown, text


def test_default_size_limit_matches_max_file_mb_default(tmp_path):
    # ReadOptions' default is 25 MiB and the max_file_mb setting's default is 25:
    # the message must speak of the same 25 MB. A sparse file costs no disk.
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as fh:
        fh.truncate(26 * 1024 * 1024)
    text = only_problem(read(path), path)
    assert "over the 25 MB limit" in text, text
    assert "file is 26" in text, text


def test_unsupported_suffix(tmp_path):
    path = put(tmp_path / "photo.png", PNG_BYTES)
    text = only_problem(read(path), path)
    assert text.startswith(f"{path}: unsupported file type '.png'")
    assert ".jsonl" in text and ".rss" in text


def test_no_suffix(tmp_path):
    path = put(tmp_path / "README", "Plain words.")
    assert only_problem(read(path), path).startswith(f"{path}: unsupported file type '(none)'")


def test_missing_path(tmp_path):
    path = tmp_path / "not-here.jsonl"
    assert only_problem(read(path), path) == f"{path}: no such file or directory"


def test_empty_directory(tmp_path):
    folder = tmp_path / "nothing"
    folder.mkdir()
    assert only_problem(read(folder), folder) == f"{folder}: directory has no files"


# --- plain text -----------------------------------------------------------------------------


def test_txt_article_id_is_stem_and_published_from_options(tmp_path):
    body = "The checkpoint reopened on Friday.\nTraffic moved slowly.\n"
    path = put(tmp_path / "checkpoint-report.txt", body)
    (article,) = read(path, published="2024-02-09")
    assert article == Article(id="checkpoint-report", text=body, published="2024-02-09")
    (undated,) = read(path)
    assert undated.published is None


def test_txt_over_max_chars(tmp_path):
    path = put(tmp_path / "long.txt", "a" * 101)
    text = only_problem(read(path, max_chars=100), path)
    assert "'long' has 101 characters, over the limit of 100" in text


def test_parse_text_whitespace():
    (problem,) = parse_text(b"   \n ", "mem.txt", ReadOptions())
    assert str(problem) == "mem.txt: no text (only white space)"


# --- HTML ------------------------------------------------------------------------------------


def test_html_article(tmp_path):
    path = put(tmp_path / "harbour.html", HTML_ARTICLE)
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.id == "harbour"
    assert article.title == "Harbour cranes damaged in night raid"
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    assert "Home" not in article.text
    assert "Example Wire" not in article.text
    assert article.published == "2024-01-30"


def test_html_page_date_wins_over_fallback(tmp_path):
    path = put(tmp_path / "harbour.htm", HTML_ARTICLE)
    (article,) = read(path, published="2020-01-01")
    assert article.published == "2024-01-30"


def test_html_without_date_uses_fallback(tmp_path):
    page = "<html><head><title>Quiet day</title></head><body><article>" + "".join(
        f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>"
    path = put(tmp_path / "quiet.html", page)
    (article,) = read(path, published="2024-03-03")
    assert article.published == "2024-03-03"


def test_html_without_body_text(tmp_path):
    path = put(tmp_path / "menu.html", HTML_NO_BODY)
    assert only_problem(read(path), path) == f"{path}: no body text found in the HTML"


def test_html_script_only():
    page = b"<html><head><script>var note = 'a long sentence that lives only inside a script tag';</script></head></html>"
    (problem,) = parse_html(page, "script.html", ReadOptions())
    assert str(problem) == "script.html: no body text found in the HTML"


def test_html_over_max_chars(tmp_path):
    path = put(tmp_path / "harbour.html", HTML_ARTICLE)
    assert "over the limit of 50" in only_problem(read(path, max_chars=50), path)


# --- feeds -----------------------------------------------------------------------------------


def test_rss_feed(tmp_path):
    path = put(tmp_path / "wire.rss", RSS)
    items = read(path)
    assert [type(i) for i in items] == [Article, Article]
    first, second = items
    assert first.id == "wire-0001"
    assert first.title == "Ferry stopped at sea"
    assert first.url == "https://example.invalid/ferry"
    assert first.source == "Example Wire"
    assert first.published == "2024-01-28T10:30:00Z"
    assert first.text == "A ferry was stopped by a patrol boat. Its crew were questioned."
    assert second.id == "wire-0002"
    assert second.published == "2024-01-29T06:00:00Z"  # +0200 normalised to UTC
    assert second.text == "Envoys met in the capital and agreed to meet again."
    assert "<" not in first.text + second.text


def test_rss_item_dates_win_over_fallback(tmp_path):
    path = put(tmp_path / "wire.xml", RSS)
    items = read(path, published="2020-01-01")
    assert [a.published for a in items] == ["2024-01-28T10:30:00Z", "2024-01-29T06:00:00Z"]


def test_rss_item_without_date_uses_fallback():
    feed = RSS.replace("<pubDate>Sun, 28 Jan 2024 10:30:00 GMT</pubDate>", "")
    first, second = parse_feed(feed.encode(), "wire.rss", ReadOptions(published="2024-01-27"))
    assert first.published == "2024-01-27"
    assert second.published == "2024-01-29T06:00:00Z"


def test_atom_feed(tmp_path):
    path = put(tmp_path / "wire.atom", ATOM)
    items = read(path)
    assert [type(i) for i in items] == [Article, Article]
    first, second = items
    assert first.id == "urn:uuid:entry-1"
    assert first.title == "Bridge closed"
    assert first.url == "https://example.invalid/bridge"
    assert first.source == "Atom Wire"
    assert first.published == "2024-02-01T09:15:00Z"  # published, not updated
    assert first.text == "The river bridge was closed after a warning."
    assert second.id == "urn:uuid:entry-2"
    assert second.published == "2024-02-02T07:00:00Z"  # only <updated> given
    assert second.text == "Stalls opened again in the old market."


def test_malformed_rss(tmp_path):
    path = put(tmp_path / "broken.rss", RSS_TRUNCATED)
    text = only_problem(read(path), path)
    line = RSS_TRUNCATED.count("\n") + 1  # the last, cut-off line
    assert text.startswith(f"{path}:{line}: malformed feed: not well-formed XML at column ")


def test_billion_laughs_is_refused(tmp_path):
    path = put(tmp_path / "laughs.xml", BILLION_LAUGHS)
    text = only_problem(read(path), path)
    assert text.startswith(f"{path}: refused feed: unsafe XML")


def test_external_entity_is_refused(tmp_path):
    secret = put(tmp_path / "secret.txt", "do not read me")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>t</title><item><guid>g</guid>'
        "<description>&xxe;</description></item></channel></rss>"
    )
    path = put(tmp_path / "xxe.rss", xxe)
    text = only_problem(read(path), path)
    assert "unsafe XML" in text
    assert "do not read me" not in text


def test_xml_that_is_not_a_feed(tmp_path):
    path = put(tmp_path / "config.xml", '<?xml version="1.0"?><settings><a>1</a></settings>')
    assert only_problem(read(path), path) == f"{path}: not an RSS or Atom feed (root element <settings>)"


def test_feed_without_entries(tmp_path):
    path = put(tmp_path / "quiet.rss", '<rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    assert only_problem(read(path), path) == f"{path}: feed has no entries"


# --- directories and mixtures ----------------------------------------------------------------


def build_mixed_folder(root: Path) -> list[tuple[str, str, str]]:
    """Write one file of every kind; return the expected (kind, file, id or message start) in order."""
    put(root / "a_good.jsonl", jsonl({"id": "g1", "text": "Envoys met on Monday."},
                                     {"id": "g2", "text": "A drone was shot down."}))
    put(root / "b_badline.jsonl", jsonl({"id": "g3", "text": "Talks resumed."}, "{oops", {"text": "no id"}))
    put(root / "c_empty.jsonl", "")
    put(root / "d_blank.txt", "   \n\n")
    put(root / "e_binary.txt", b"\x00\x01binary\x00")
    put(root / "f_latin1.txt", "Caf\u00e9.".encode("latin-1"))
    put(root / "g_note.txt", "Ceasefire talks were held in a neutral city.")
    put(root / "h_story.html", HTML_ARTICLE)
    put(root / "i_menu.html", HTML_NO_BODY)
    put(root / "j_wire.rss", RSS)
    put(root / "k_wire.atom", ATOM)
    put(root / "l_broken.rss", RSS_TRUNCATED)
    put(root / "m_laughs.xml", BILLION_LAUGHS)
    put(root / "n_photo.png", PNG_BYTES)
    put(root / ".hidden.jsonl", jsonl({"id": "hidden", "text": "Never read."}))
    put(root / "sub" / "o_nested.txt", "A nested note about a closed road.")
    return [
        ("article", "a_good.jsonl", "g1"),
        ("article", "a_good.jsonl", "g2"),
        ("article", "b_badline.jsonl", "g3"),
        ("problem", "b_badline.jsonl", "2: not valid JSON"),
        ("problem", "b_badline.jsonl", "3: missing required field 'id'"),
        ("problem", "c_empty.jsonl", " empty file"),
        ("problem", "d_blank.txt", " empty file"),
        ("problem", "e_binary.txt", " binary file"),
        ("problem", "f_latin1.txt", " not valid UTF-8"),
        ("article", "g_note.txt", "g_note"),
        ("article", "h_story.html", "h_story"),
        ("problem", "i_menu.html", " no body text"),
        ("article", "j_wire.rss", "wire-0001"),
        ("article", "j_wire.rss", "wire-0002"),
        ("article", "k_wire.atom", "urn:uuid:entry-1"),
        ("article", "k_wire.atom", "urn:uuid:entry-2"),
        ("problem", "l_broken.rss", f"{RSS_TRUNCATED.count(chr(10)) + 1}: malformed feed"),
        ("problem", "m_laughs.xml", " refused feed: unsafe XML"),
        ("problem", "n_photo.png", " unsupported file type"),
        ("article", "sub/o_nested.txt", "o_nested"),
    ]


def test_directory_mixing_everything(tmp_path):
    root = tmp_path / "inbox"
    expected = build_mixed_folder(root)
    items = read(root)
    got = []
    for item in items:
        if isinstance(item, Article):
            got.append(("article", item.id))
        else:
            text = check_problem(item, item.path)
            assert Path(item.path).parent in (root, root / "sub")
            got.append(("problem", text))
    assert len(got) == len(expected), [g[1][:60] for g in got]
    for (kind, value), (want_kind, name, want) in zip(got, expected):
        assert kind == want_kind, (value, name)
        if kind == "article":
            assert value == want
        else:
            assert value.startswith(f"{root / name}:{want}"), (value, name, want)
    assert "hidden" not in [v for k, v in got]


def test_directory_is_read_in_sorted_order(tmp_path):
    root = tmp_path / "sorted"
    for name in ["zeta.txt", "alpha.txt", "mid.txt"]:
        put(root / name, f"Text of {name}.")
    assert [a.id for a in read(root)] == ["alpha", "mid", "zeta"]


def test_several_paths_in_given_order(tmp_path):
    second = put(tmp_path / "b.txt", "Second file.")
    first = put(tmp_path / "a.jsonl", jsonl({"id": "first", "text": "First file."}))
    missing = tmp_path / "gone.txt"
    items = read(second, missing, str(first))
    assert isinstance(items[0], Article) and items[0].id == "b"
    assert check_problem(items[1], missing) == f"{missing}: no such file or directory"
    assert isinstance(items[2], Article) and items[2].id == "first"

