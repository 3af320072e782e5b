"""Running the spaCy pipeline for the extractor: the same components in the same order, the same
annotations, with the attribute ruler's pattern matching done by table look-up.

spaCy's ``AttributeRuler`` runs a general ``Matcher`` over every token (en_core_web_sm has 179
patterns: the tag map and the morphology exceptions); that is about a seventh of the pipeline's
time. Every one of those patterns is a token or two of exact attribute values (TAG, LOWER, DEP,
IS_SPACE), so :class:`FastAttributeRuler` finds the same matches with dictionary look-ups and hands
them, in the ruler's own order, to the ruler's own ``set_annotations``, which sets the attributes.
A ruler with any other kind of pattern is run as it is. The ``Language`` object is not changed:
``nlp.pipe`` elsewhere in the process still runs the stock component.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Iterator, TypeVar

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc

__all__ = ["FastAttributeRuler", "Runner"]

T = TypeVar("T")
_ATTRS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_COLUMN = {name: n for n, name in enumerate(_ATTRS)}  # column of the doc.to_array table
# The attribute a pattern's first token is indexed by: the most selective it has.
_INDEX_ORDER = ("LOWER", "TAG", "DEP", "IS_SPACE")
# One condition on a token: (column, "in", value ids) for an exact value or {"IN": [...]}, (column, "not",
# value ids) for {"NOT_IN": [...]}, (column, "re", compiled pattern) for {"REGEX": ...}.
_Test = tuple[int, str, Any]
_Entry = tuple[int, int, list[list[_Test]]]  # (attr id, match key, conditions of each pattern token)


class FastAttributeRuler:
    """The matches of an ``AttributeRuler`` found by look-up; None from :meth:`build` when its patterns
    are not all of the simple kind (exact values, IN, NOT_IN and REGEX of TAG, LOWER, DEP, IS_SPACE)."""

    def __init__(self, ruler: AttributeRuler, index: dict[tuple[int, int], list[_Entry]], anywhere: list[_Entry]):
        self.ruler = ruler
        self._index = index  # (column, value id) of the first token → the patterns that may start there
        self._anywhere = anywhere  # patterns whose first token has no exact value to index by
        self._searched: dict[tuple[int, int], bool] = {}  # (id of a regex test, value id) → found
        self._rows: dict[tuple[int, ...], tuple[list[tuple[int, int]], list[_Entry]]] = {}

    @classmethod
    def build(cls, ruler: AttributeRuler) -> FastAttributeRuler | None:
        strings = ruler.vocab.strings
        index: dict[tuple[int, int], list[_Entry]] = {}
        anywhere: list[_Entry] = []
        for attr_id in range(len(ruler.attrs)):
            key = strings.add(str(attr_id))
            found = ruler.matcher.get(key)
            if found is None:
                return None
            for pattern in found[1]:
                tests = [_tests(token) for token in pattern]
                if not tests or any(t is None for t in tests):
                    return None
                entry = (attr_id, key, tests)
                head = next(((col, ids) for col, op, ids in tests[0] if op == "in"), None)  # type: ignore[union-attr]
                if head is None:
                    anywhere.append(entry)  # type: ignore[arg-type]
                    continue
                for value in head[1]:
                    index.setdefault((head[0], value), []).append(entry)  # type: ignore[arg-type]
        return cls(ruler, index, anywhere)

    def _passes(self, row: tuple[int, ...], tests: list[_Test]) -> bool:
        for col, op, test in tests:
            if op == "in":
                if row[col] not in test:
                    return False
            elif op == "not":
                if row[col] in test:
                    return False
            else:
                memo = (id(test), row[col])
                found = self._searched.get(memo)
                if found is None:
                    found = self._searched[memo] = bool(test.search(self.ruler.vocab.strings[row[col]]))
                if not found:
                    return False
        return True

    def _starting(self, row: tuple[int, ...]) -> tuple[list[tuple[int, int]], list[_Entry]]:
        """For a token's values: the one-token patterns it matches, and the longer ones it may begin."""
        index = self._index
        single: list[tuple[int, int]] = []
        longer: list[_Entry] = []
        for entries in (index.get((0, row[0]), ()), index.get((1, row[1]), ()), index.get((2, row[2]), ()),
                        index.get((3, row[3]), ()), self._anywhere):
            for attr_id, key, tests in entries:
                if self._passes(row, tests[0]):
                    if len(tests) == 1:
                        single.append((attr_id, key))
                    else:
                        longer.append((attr_id, key, tests))
        return single, longer

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What ``AttributeRuler.match`` returns: (attr id, match key, start, end), sorted."""
        table = [tuple(row) for row in doc.to_array(list(_ATTRS.values())).tolist()] if len(doc) else []
        memo = self._rows
        if len(memo) > 200_000:
            memo.clear()
        n = len(table)
        seen: set[tuple[int, int, int, int]] = set()
        for i, row in enumerate(table):
            found = memo.get(row)
            if found is None:  # a token's matches depend on its four values only: worked out once per kind
                found = memo[row] = self._starting(row)
            for attr_id, key in found[0]:
                seen.add((attr_id, key, i, i + 1))
            for attr_id, key, tests in found[1]:
                end = i + len(tests)
                if end <= n and all(self._passes(table[i + k], tests[k]) for k in range(1, len(tests))):
                    seen.add((attr_id, key, i, end))
        return sorted(seen)

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.ruler.get_error_handler()
        try:
            self.ruler.set_annotations(doc, self.match(doc))
            return doc
        except Exception as e:  # as the stock component does
            return error_handler(self.ruler.name, self.ruler, [doc], e)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _tests(token: dict[str, Any]) -> list[_Test] | None:
    """A pattern token's conditions, or None if it has any the matcher reads otherwise."""
    if not token:
        return None
    out: list[_Test] = []
    for attr, value in token.items():
        if attr not in _ATTRS:
            return None
        col = _COLUMN[attr]
        if attr == "IS_SPACE":
            if not isinstance(value, bool):
                return None
            out.append((col, "in", frozenset([int(value)])))
        elif isinstance(value, str):
            out.append((col, "in", frozenset([get_string_id(value)])))
        elif not isinstance(value, dict) or len(value) != 1:
            return None
        elif isinstance(value.get("REGEX"), str):
            out.append((col, "re", re.compile(value["REGEX"])))
        else:
            op, values = next(iter(value.items()))
            if op not in ("IN", "NOT_IN") or not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                return None
            out.append((col, "in" if op == "IN" else "not", frozenset(get_string_id(v) for v in values)))
    return out


class Runner:
    """The pipeline's components as ``nlp`` and ``nlp.pipe`` run them, with a fast attribute ruler."""

    def __init__(self, nlp: Language) -> None:
        self.steps: list[tuple[str, Callable[..., Any]]] = []
        for name, proc in nlp.pipeline:
            fast = FastAttributeRuler.build(proc) if isinstance(proc, AttributeRuler) else None
            self.steps.append((name, fast or proc))

    def __call__(self, doc: Doc) -> Doc:
        for _, proc in self.steps:
            doc = proc(doc)
        return doc

    def pipe(self, pairs: Iterable[tuple[Doc, T]], batch_size: int = 16,
             source_chars: Callable[[T], int] | None = None) -> Iterator[tuple[Doc, T]]:
        """(doc, context) pairs in, annotated (doc, context) out, in order, components run batch-wise.

        With ``source_chars`` (how long the text a context stands for is: the whole article), a batch
        holds as much text as ``batch_size`` whole texts would, on average so far: prefiltered docs
        are shorter, so a batch gathers the candidate sentences of more articles (same work per batch
        as ``nlp.pipe`` with ``batch_size`` whole articles)."""
        for batch in _batches(pairs, batch_size, source_chars):
            docs: Iterable[Doc] = [doc for doc, _ in batch]
            for _, proc in self.steps:
                docs = list(_stream(proc, docs, len(batch)))
            yield from zip(docs, (context for _, context in batch))


def _batches(pairs: Iterable[tuple[Doc, T]], size: int,
             source_chars: Callable[[T], int] | None) -> Iterator[list[tuple[Doc, T]]]:
    batch: list[tuple[Doc, T]] = []
    chars = seen = texts = 0
    for doc, context in pairs:
        batch.append((doc, context))
        chars += len(doc.text)
        if source_chars is not None:
            seen, texts = seen + source_chars(context), texts + 1
        full = len(batch) >= size if source_chars is None else chars * texts >= size * seen or len(batch) >= 8 * size
        if full:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _stream(proc: Callable[..., Any], docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
    if hasattr(proc, "pipe"):
        yield from proc.pipe(docs, batch_size=batch_size)
    else:
        yield from (proc(doc) for doc in docs)
