"""Content hashes of page inputs: equal values hash equal, any shown difference shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from markupsafe import Markup

from ssg.engine.digest import WALK_FROM, Digester, Unstable


@dataclass(frozen=True)
class Doc:
    source: str
    title: str
    date: dt.datetime | None = None
    tags: tuple[str, ...] = ()
    html: str = ""
    body: str = ""


WHEN = dt.datetime(2026, 11, 20, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))


def digest(*values: object) -> str:
    return Digester().hexdigest(*values)  # a new memo each time, as in a new build


def test_equal_values_hash_equal_in_separate_builds() -> None:
    make = lambda: {"post": Doc("a.md", "A", WHEN, ("x", "y")), "n": [1, (2, "3")]}  # noqa: E731
    assert digest(make()) == digest(make())


@pytest.mark.parametrize(
    "changed",
    [
        Doc("a.md", "B", WHEN),
        Doc("b.md", "A", WHEN),
        Doc("a.md", "A", WHEN + dt.timedelta(seconds=1)),
        Doc("a.md", "A", WHEN.replace(tzinfo=ZoneInfo("Europe/Berlin"))),  # same offset, zone
        Doc("a.md", "A", WHEN.replace(tzinfo=None)),
        Doc("a.md", "A", WHEN, ("x",)),
        Doc("a.md", Markup("A"), WHEN),  # renders unescaped: not the same value
    ],
)
def test_any_shown_difference_changes_the_hash(changed: Doc) -> None:
    assert digest(Doc("a.md", "A", WHEN)) != digest(changed)


def test_text_is_left_out_of_the_object_but_not_out_of_its_text_digest() -> None:
    one, two = Doc("a.md", "A", html="<p>1</p>"), Doc("a.md", "A", html="<p>2</p>")
    assert digest(one) == digest(two)
    assert Digester().text_digest(one) != Digester().text_digest(two)
    assert Digester().text_digest(one) == Digester().text_digest(Doc("a.md", "A", html="<p>1</p>"))


def test_a_text_key_stands_for_the_text_and_is_never_taken_for_one() -> None:
    one, two = Doc("a.md", "A", html="<p>1</p>"), Doc("a.md", "A", html="<p>2</p>")
    keyed = Digester(text_keys=[(one, b"k1"), (two, b"k1")])
    assert keyed.text_digest(one) == keyed.text_digest(two)  # the key is trusted, text unread
    assert keyed.text_digest(one) == Digester(text_keys=[(one, b"k1")]).text_digest(one)
    assert keyed.text_digest(one) != Digester(text_keys=[(one, b"k2")]).text_digest(one)
    assert keyed.text_digest(one) != Digester().text_digest(one)  # hashed text: another digest
    same_fields = Doc("a.md", "A", html="<p>1</p>")  # equal, but not the object given a key
    assert keyed.text_digest(same_fields) == Digester().text_digest(one)
    assert Digester(text_keys=[(one, b"")]).text_digest(one) == Digester().text_digest(one)


def test_order_of_a_mapping_counts_as_templates_iterate_it() -> None:
    assert digest({"a": 1, "b": 2}) != digest({"b": 2, "a": 1})


def test_long_tuples_are_hashed_once_and_still_by_content() -> None:
    posts = tuple(Doc(f"{n}.md", str(n)) for n in range(WALK_FROM + 4))
    digester = Digester()
    first = digester.hexdigest(posts)
    assert digester.hexdigest(posts) == first == digest(tuple(posts))
    assert digest(posts[:-1] + (Doc("x.md", "x"),)) != first


def test_a_value_without_a_stable_hash_says_so() -> None:
    with pytest.raises(Unstable):
        digest({"f": lambda: 1})


def test_a_known_digest_stands_for_its_object_and_is_given_back() -> None:
    doc, other = Doc("a.md", "A", WHEN), Doc("b.md", "B")
    first = Digester()
    made = first.object_digest(doc)
    assert first.known([doc, other]) == [(doc, made)]  # only what was hashed
    seeded = Digester([(doc, b"k" * 20)])  # as a previous run left it
    assert seeded.object_digest(doc) == b"k" * 20
    assert seeded.hexdigest({"post": doc}) != Digester().hexdigest({"post": doc})
    assert seeded.known([doc]) == [(doc, b"k" * 20)]


def test_a_failed_hash_leaves_the_next_ones_as_in_a_new_process() -> None:
    values = {"post": Doc("a.md", "A", WHEN, ("x",)), "n": [1, (2, "3")] * 40}
    expected = Digester().hexdigest(values)
    for bad in (lambda: None, ("written first", [1, 2], lambda: None)):  # fails mid-way
        with pytest.raises(Unstable):
            Digester().hexdigest(bad)
        assert Digester().hexdigest(values) == expected
