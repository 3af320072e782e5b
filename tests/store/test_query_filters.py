"""--actor is a plain substring: SQL wildcards in it match only themselves."""

from proxywatch.records import Article, Event, Evidence, Party
from proxywatch.store import EventQuery, Store
from proxywatch.jobs import store_batch


def _event(i: int, actor: str) -> Event:
    return Event(id=f"e{i}", article_id="a", type="ASSAULT", evidence=Evidence("x", 0, 1), actor=Party(actor))


def test_actor_filter_does_not_treat_wildcards_specially(db):
    with Store(db) as store:
        store_batch(store, [(Article("a", "x"), [_event(1, "Kata'ib Hezbollah"), _event(2, "100% militia")])])
        assert [e.id for e in store.events(EventQuery(actor="_"))] == []
        assert [e.id for e in store.events(EventQuery(actor="%"))] == ["e2"]
        assert [e.id for e in store.events(EventQuery(actor="kata'ib"))] == ["e1"]
