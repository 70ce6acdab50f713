"""Canonical name keys and joining spelling variants of one person."""
from __future__ import annotations

import pytest

from crosscheck.claims.names import entity_key, person_key, resolve_people, same_person


@pytest.mark.parametrize("text, key", [
    ("Defense Secretary Pete Hegseth", "pete hegseth"),
    ("Lloyd Austin’s", "lloyd austin"),
    ("President Donald Trump", "donald trump"),
    ("Zelenskyy", "zelenskyy"),
    ("Volodymyr Zelénsky", "volodymyr zelensky"),
])
def test_person_key_drops_titles_possessives_and_accents(text: str, key: str) -> None:
    assert person_key(text) == key


@pytest.mark.parametrize("text, label, key", [
    ("U.S.", "GPE", "united states"),
    ("the United Nations", "ORG", "united nations"),
    ("Kyiv", "GPE", "ukraine"),
    ("NATO", "ORG", "nato"),
])
def test_entity_key_aliases(text: str, label: str, key: str) -> None:
    assert entity_key(text, label) == key


def test_spelling_variants_are_one_person() -> None:
    assert same_person("volodymyr zelensky", "volodymyr zelenskyy")
    assert same_person("dmitri pekskov", "dmitry peskov")
    assert same_person("zelenskyy", "volodymyr zelensky")
    assert not same_person("pete hegseth", "lloyd austin")
    assert not same_person("joe biden", "hunter biden")


def test_resolve_people_joins_variants_and_surnames() -> None:
    mapping = resolve_people(["volodymyr zelensky", "volodymyr zelenskyy", "zelenskyy",
                              "donald trump", "trump", "trump", "peskov", "dmitri pekskov"])
    assert mapping["zelenskyy"] == mapping["volodymyr zelenskyy"] == mapping["volodymyr zelensky"]
    assert mapping["trump"] == "donald trump"
    assert mapping["peskov"] == "dmitri pekskov"


def test_bare_surname_shared_by_two_people_stays_apart() -> None:
    mapping = resolve_people(["joe biden", "hunter biden", "biden"])
    assert mapping["joe biden"] != mapping["hunter biden"]
    assert mapping["biden"] == "biden"


def test_a_first_name_alone_joins_the_one_person_of_that_first_name() -> None:
    # "A friend of Ricky's" in one report, "a friend of Mr Reel's" in another: one person.
    mapping = resolve_people(["ricky reel", "reel", "ricky", "tony blair", "tony smith", "tony"])
    assert mapping["ricky"] == mapping["reel"] == "ricky reel"
    assert mapping["tony"] == "tony"  # two people called Tony: no guess
    # a word that is someone's surname is read as that surname, not as another's first name
    assert resolve_people(["james gordon", "gordon james", "james"])["james"] == "gordon james"


@pytest.mark.parametrize("a, b, same", [
    ("Kattab", "Khattab", True),  # one word spelled two ways
    ("Gaddafi", "Col Gadaffi", True),  # and a rank left out
    ("Tawstock", "Tavistock", False),  # two places
    ("Austria", "Australia", False),
    ("Hansen", "Hanson", False),
])
def test_names_spelled_two_ways_are_one_name(a: str, b: str, same: bool) -> None:
    from crosscheck.claims.names import mentioned, one_name

    assert one_name(a, b) is same
    assert mentioned(a, f"The report named {b} yesterday.") is same
