"""Probes: hostile or broken input at the edge. Each bad piece is one named warning; the rest is kept.

A lone surrogate, a 5,000-digit number, a 200,000-deep JSON array, a file deleted after its folder was
listed, ``published: "yesterday"``, a symbolic link out of the folder, articles in languages the
extractor does not read, a feed whose bytes name a file, a ``model`` setting naming any module.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from proxywatch.errors import InputProblem, ProxywatchError
from proxywatch.ingest import ReadOptions, read_articles
from proxywatch.ingest.readers import parse_feed, parse_jsonl
from proxywatch.records import Article
from proxywatch.store import Store

CONSOLE = Path(sys.executable).with_name("proxywatch")

# Written for these tests.
GOOD = [
    {"id": "g1", "published": "2024-03-04", "text": "Militants fired rockets at a base near Erbil on Monday."},
    {"id": "g2", "published": "2024-03-05", "text": "Gunmen attacked a checkpoint outside Kirkuk on Tuesday."},
    {"id": "g3", "published": "2024-03-06", "text": "Insurgents attacked an army post near Mosul on Wednesday."},
]
SURROGATE = '{"id": "sur", "published": "2024-03-04", "text": "A convoy was hit \\udc00 near the border."}'
BIG_NUMBER = '{"id": "big", "text": "Rebels attacked a post.", "count": ' + "7" * 5000 + "}"
DEEP = '{"id": "deep", "text": "Rebels attacked a post.", "x": ' + "[" * 200_000 + "]" * 200_000 + "}"
YESTERDAY = json.dumps({"id": "yest", "published": "yesterday",
                        "text": "Gunmen attacked a police station in Tikrit on Monday, killing two officers."})
# line number -> what its warning names
POISON = {2: "lone surrogate (\\udc00) at character 17", 3: "a number with 5,000 digits",
          4: "nested 200,001 levels deep", 5: "published 'yesterday' is not an ISO 8601 date"}


def batch_file(tmp_path: Path) -> Path:
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps(GOOD[0]), SURROGATE, BIG_NUMBER, DEEP, YESTERDAY, json.dumps(GOOD[1]), json.dumps(GOOD[2])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_each_poisoned_line_is_one_named_warning_and_the_rest_is_read(tmp_path):
    path = batch_file(tmp_path)
    items = list(read_articles([path]))
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, InputProblem)]
    assert [a.id for a in articles] == ["g1", "yest", "g2", "g3"]
    assert [p.line for p in problems] == sorted(POISON)
    for problem in problems:
        assert POISON[problem.line] in str(problem), str(problem)
        assert str(problem).startswith(f"{path}:{problem.line}: ")
        assert "\n" not in str(problem)
    yest = next(a for a in articles if a.id == "yest")
    assert yest.published is None, "an unreadable date is dropped, not stored"
    assert [p.kept for p in problems] == [False, False, False, True]


def test_limits_are_explicit_options():
    text = b'{"id": "n", "text": "Rebels attacked a post.", "x": [[[1]]], "n": 123456}\n'
    assert [type(i) for i in parse_jsonl(text, "t.jsonl", ReadOptions())] == [Article]
    (problem,) = parse_jsonl(text, "t.jsonl", ReadOptions(max_json_depth=2))
    assert "nested 4 levels deep, over the limit of 2" in str(problem)
    (problem,) = parse_jsonl(text, "t.jsonl", ReadOptions(max_number_digits=5))
    assert "a number with 6 digits, over the limit of 5" in str(problem)
    brackets_in_strings = b'{"id": "s", "text": "' + b"[" * 500 + b' attacked"}\n'
    assert [type(i) for i in parse_jsonl(brackets_in_strings, "t.jsonl", ReadOptions())] == [Article]


@pytest.mark.slow
def test_ingest_of_a_poisoned_batch_stores_the_others_and_exits_0(tmp_path):
    path = batch_file(tmp_path)
    db = tmp_path / "s.duckdb"
    result = subprocess.run([str(CONSOLE), "ingest", str(path), "--db", str(db)], capture_output=True, text=True,
                            timeout=600, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == len(POISON), result.stderr
    with Store(db, read_only=True) as store:
        stored = {row[0] for row in store.sql("SELECT id FROM articles")}
        events = store.counts()["events"]
    assert stored == {"g1", "g2", "g3", "yest"}
    assert events >= 3
    again = subprocess.run([str(CONSOLE), "ingest", str(path), "--db", str(db), "--strict"], capture_output=True,
                           text=True, timeout=600, cwd=tmp_path)
    assert again.returncode == 1, "under --strict any bad input fails the run"


def test_a_file_deleted_after_its_folder_was_listed_is_one_problem(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(f"Militants attacked a base near Erbil ({name}).\n")
    items = read_articles([folder])
    first = next(items)
    (folder / "b.txt").unlink()  # after listing, before reading
    rest = list(items)
    assert isinstance(first, Article) and first.id == "a"
    assert isinstance(rest[0], InputProblem) and str(rest[0]) == f"{folder / 'b.txt'}: cannot read (No such file or directory)"
    assert isinstance(rest[1], Article) and rest[1].id == "c"


def test_a_symlink_out_of_the_folder_is_not_followed_unless_asked(tmp_path):
    outside = tmp_path / "private"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("Nothing to see: this file is outside the folder being read.\n")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "real.txt").write_text("Militants attacked a base near Erbil on Monday.\n")
    (folder / "leak.txt").symlink_to(secret)
    (folder / "inside.txt").symlink_to(folder / "real.txt")  # a link within the folder is fine
    items = list(read_articles([folder]))
    ids = sorted(i.id for i in items if isinstance(i, Article))
    problems = [str(i) for i in items if isinstance(i, InputProblem)]
    assert ids == ["inside", "real"]
    assert problems == [f"{folder / 'leak.txt'}: symbolic link to {secret}, outside {folder}; not followed "
                        "(pass --follow-symlinks to read it)"]
    followed = list(read_articles([folder], ReadOptions(follow_symlinks=True)))
    assert sorted(i.id for i in followed if isinstance(i, Article)) == ["inside", "leak", "real"]


# Written for this test: the same report in French, Arabic and Persian, then in English.
OTHER_LANGUAGES = {
    "fr": "Des miliciens ont tiré des roquettes sur une base près d'Erbil lundi, blessant deux soldats, selon "
          "l'armée irakienne qui a confirmé l'attaque dans un communiqué publié le soir même.",
    "ar": "أطلق مسلحون صواريخ على قاعدة قرب أربيل يوم الاثنين مما أدى إلى إصابة جنديين وفق ما قال مسؤولون في "
          "الجيش العراقي في بيان صدر مساء اليوم نفسه",
    "fa": "شبه‌نظامیان روز دوشنبه به پایگاهی در نزدیکی اربیل موشک شلیک کردند و دو سرباز زخمی شدند و ارتش عراق "
          "این حمله را در بیانیه‌ای تایید کرد",
    "en": "Militiamen fired rockets at a base near Erbil on Monday, wounding two soldiers, according to the Iraqi "
          "army, which confirmed the attack in a statement issued the same evening.",
}


def test_an_article_in_an_unsupported_language_is_reported_and_kept(tmp_path):
    path = tmp_path / "langs.jsonl"
    path.write_text("".join(json.dumps({"id": k, "published": "2024-03-04", "text": v}, ensure_ascii=False) + "\n"
                            for k, v in OTHER_LANGUAGES.items()), encoding="utf-8")
    items = list(read_articles([path]))
    assert [i.id for i in items if isinstance(i, Article)] == ["fr", "ar", "fa", "en"]
    warnings = [str(i) for i in items if isinstance(i, InputProblem)]
    assert len(warnings) == 3
    for (line, name), warning in zip(((1, "French (fr)"), (2, "Arabic (ar)"), (3, "Persian (fa)")), warnings):
        assert warning.startswith(f"{path}:{line}: article ")
        assert f"looks like {name}; only English is supported" in warning


def test_feed_bytes_are_never_taken_for_a_file_name(tmp_path, monkeypatch):
    """feedparser opens a str or bytes argument as a file if one of that name exists: a feed whose bytes
    spell a path would be replaced by that file. A file is planted at the path the feed's bytes spell."""
    feed = (b'<rss version="2.0"><channel><title>Wire</title><item><title>Raid</title>'
            b"<description>Gunmen attacked a checkpoint outside Kirkuk.</description></item></channel></rss>")
    planted = tmp_path.joinpath(*feed.decode().split("/"))
    planted.parent.mkdir(parents=True)
    planted.write_bytes(feed.replace(b"Gunmen attacked a checkpoint outside Kirkuk.", b"PLANTED TEXT"))
    monkeypatch.chdir(tmp_path)
    (article,) = parse_feed(feed, "wire.rss", ReadOptions())
    assert article.text == "Gunmen attacked a checkpoint outside Kirkuk."


def test_the_model_setting_loads_only_an_installed_spacy_pipeline():
    from proxywatch.extract.model import load_pipeline

    assert "this" not in sys.modules
    with pytest.raises(ProxywatchError, match="'this' is not an installed spaCy pipeline"):
        load_pipeline("this")  # the standard library's Zen of Python: importing it prints
    assert "this" not in sys.modules, "a model name must not import an arbitrary module"
