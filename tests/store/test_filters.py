"""The common filters, checked once: the CLI spells a bad one as a flag, the HTTP API as a parameter."""

from __future__ import annotations

import pytest

from proxywatch.errors import ParameterError
from proxywatch.store.filters import checked_query, cli_flag

BAD = [
    ({"type_": "BOMBING"}, "type"), ({"sponsor": "IRAN"}, "sponsor"), ({"country": "I R"}, "country"),
    ({"target_country": "ÜSA"}, "target_country"), ({"since": "2024-02-30"}, "since"),
    ({"until": "tomorrow"}, "until"), ({"since": "2024-03-01", "until": "2024-01-01"}, "since"),
]


@pytest.mark.parametrize("kwargs,name", BAD)
def test_bad_filter_names_itself_in_both_spellings(kwargs, name):
    with pytest.raises(ParameterError) as api:
        checked_query(**kwargs)
    assert api.value.param == name and str(api.value).startswith(name)
    with pytest.raises(ParameterError) as cli:
        checked_query(**kwargs, spell=cli_flag)
    assert str(cli.value).startswith(cli_flag(name)) and "--" in str(cli.value)


def test_good_filters_make_the_query():
    q = checked_query("assault", "hezbollah", "IRN", "LBN", "2024-01-01", "2024-02-01", "ISR")
    assert (q.type, q.actor, q.sponsor, q.country, q.target_country, q.since, q.until) == (
        "assault", "hezbollah", "IRN", "LBN", "ISR", "2024-01-01", "2024-02-01")
