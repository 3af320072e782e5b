"""Name folding: normalize for exact keys, fold for transliteration-blind keys."""

import pytest

from proxywatch.resolve.names import closest, fold, normalize, strip_article


@pytest.mark.parametrize(("raw", "key"), [
    ("The Kata'ib-Hezbollah", "kataib hezbollah"),
    ("Iran's government", "iran government"),
    ("U.S. forces", "u s forces"),
    ("Türkiye", "turkiye"),
    ("  the  Red   Sea ", "red sea"),
    ("Kata’ib Hizballah", "kataib hizballah"),
])
def test_normalize(raw, key):
    assert normalize(raw) == key


@pytest.mark.parametrize(("a", "b"), [
    ("Hezbollah", "Hizballah"), ("Hezbollah", "Hizbullah"), ("Qa'ani", "Ghaani"), ("Haniyeh", "Haniya"),
    ("Kataib Hezbollah", "Kataeb Hizbullah"), ("Abu Baqir al-Saadi", "Abu Bakr al-Saedi"),
    ("Houthis", "Huthi"), ("Nuseirat", "Nusseirat"), ("Hodeidah", "al-Hudaydah"), ("Jabalia", "Jabaliya"),
])
def test_transliterations_fold_together(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize(("a", "b"), [("Iran", "Iraq"), ("Hamas", "Hezbollah"), ("Sinwar", "Safed")])
def test_different_names_stay_apart(a, b):
    assert fold(a) != fold(b)


def test_strip_article():
    assert strip_article("al hudaydah") == "hudaydah"
    assert strip_article("ash shati") == "shati"
    assert strip_article("al") == "al"
    assert strip_article("alexandria") == "alexandria"


def test_closest_is_nearest_spelling_first_each_value_once():
    names = {"hezbollah": "HZB", "hizballah": "HZB", "hamas": "HMS", "houthis": "HTH"}
    assert closest("Hezbolah", names) == ["HZB"]
    assert closest("Hamaz", names) == ["HMS"]
    assert closest("nothing like it", names) == []
    assert closest("hezbollah", names, cutoff=0, limit=2)[0] == "HZB"
