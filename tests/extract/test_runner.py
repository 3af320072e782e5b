"""The extractor's pipeline runner gives spaCy's own annotations, and its caches spaCy's own entities."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from spacy.pipeline import AttributeRuler

from proxywatch.extract.doccache import doc_ents, ent_bounds, sent_ents
from proxywatch.extract.runner import FastAttributeRuler, Runner

pytestmark = pytest.mark.slow

GOLDEN = Path(__file__).parent.parent / "data" / "golden" / "articles.jsonl"
# Odd shapes: runs of spaces and newlines, a lone token, tabs, possessives, contractions, all-caps.
ODD = ["", "x", "  \n\n ", "Iran's  IRGC\tsaid it won't stop.\n\n\nThe U.S. didn't   reply",
       "THE MILITIA'S COMMANDER WAS KILLED", "He 's gon na go , y' all ... ok ?"]


def _texts() -> list[str]:
    demo = resources.files("proxywatch") / "data" / "demo" / "articles.jsonl"
    lines = demo.read_text(encoding="utf-8").splitlines() + GOLDEN.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()] + ODD


def _annotations(doc) -> list[tuple]:
    tokens = [(t.text, t.tag_, t.pos_, t.morph.to_json(), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_,
               t.is_sent_start) for t in doc]
    return tokens + [(e.start, e.end, e.label_) for e in doc.ents]


def test_fast_ruler_finds_the_matchers_matches(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    fast = FastAttributeRuler.build(ruler)
    assert fast is not None  # the shipped patterns are all of the simple kind
    before = [name for name, _ in nlp.pipeline][: nlp.pipe_names.index("attribute_ruler")]
    for doc in nlp.pipe(_texts(), disable=[n for n in nlp.pipe_names if n not in before]):
        assert fast.match(doc) == ruler.match(doc)


def test_runner_annotates_as_nlp_does(nlp):
    runner = Runner(nlp)
    texts = _texts()
    stock = [_annotations(d) for d in nlp.pipe(texts, batch_size=4)]
    one_by_one = [_annotations(runner(nlp.make_doc(t))) for t in texts]
    piped = [_annotations(d) for d, _ in runner.pipe(((nlp.make_doc(t), n) for n, t in enumerate(texts)), 4)]
    by_text = [_annotations(d) for d, _ in runner.pipe(((nlp.make_doc(t[: len(t) // 2]), t) for t in texts), 4,
                                                         source_chars=len)]
    assert one_by_one == stock
    assert piped == stock
    assert by_text == [_annotations(d) for d in nlp.pipe([t[: len(t) // 2] for t in texts])]


def test_batches_hold_as_much_text_as_whole_articles_would():
    from proxywatch.extract.runner import _batches

    pairs = [(f"d{i}", 100) for i in range(40)]  # stand-ins: a doc of 2 chars for an article of 100
    sizes = [len(b) for b in _batches(((type("D", (), {"text": d})(), n) for d, n in pairs), 4, lambda n: n)]
    assert sum(sizes) == 40 and max(sizes) <= 32
    assert [len(b) for b in _batches(((type("D", (), {"text": "x"})(), 0) for _ in range(10)), 4, None)] == [4, 4, 2]


def test_unusual_patterns_fall_back_to_the_matcher(nlp):
    for pattern in ([{"ORTH": "a"}], [{"LOWER": "a", "OP": "+"}], [{"LOWER": {"FUZZY": "a"}}], [{}],
                    [{"TAG": {"IS_SUBSET": ["NN"]}}], [{"LOWER": "a"}, {"LEMMA": "b"}]):
        ruler = AttributeRuler(nlp.vocab)
        ruler.add([pattern], {"LEMMA": "x"})
        assert FastAttributeRuler.build(ruler) is None, pattern
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": {"IN": ["a", "b"]}, "TAG": {"NOT_IN": ["NN"]}}, {"LOWER": {"REGEX": "^c"}}]], {"LEMMA": "x"})
    fast = FastAttributeRuler.build(ruler)
    assert fast is not None
    doc = nlp("a cat and b cow, a dog; b c")
    assert fast.match(doc) == ruler.match(doc) and len(fast.match(doc)) == 3


def test_cached_entities_are_spacys(nlp):
    for doc in nlp.pipe(_texts()):
        assert [(e.start, e.end, e.label_) for e in doc_ents(doc)] == [(e.start, e.end, e.label_) for e in doc.ents]
        for sent in doc.sents:
            assert [(e.start, e.end, e.label_) for e in sent_ents(sent)] == [
                (e.start, e.end, e.label_) for e in sent.ents]
        for tok in doc:
            inside = [(e.start, e.end) for e in doc.ents if e.start <= tok.i < e.end]
            assert ent_bounds(doc, tok.i) == (inside[0] if inside else None)
