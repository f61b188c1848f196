"""Web links: which links are acceptable, and one comparable spelling per address."""

import pytest

from ssg.communities.weburls import normalize_url, url_problem

# --- acceptable links -----------------------------------------------------------------------

PROBLEMS = [
    ("https://forum.example.org/", None),
    ("http://forum.example.org:8080/x?a=1#top", None),
    ("https://[::1]:8080/", None),
    ("https://fórum.example/", None),  # internationalised host
    ("javascript:alert(1)", "scheme 'javascript:' is not allowed"),
    ("data:text/html,<b>hi</b>", "scheme 'data:' is not allowed"),
    ("ftp://files.example.org/", "scheme 'ftp:' is not allowed"),
    ("https://user:secret@forum.example.org/", "contains credentials"),
    ("https://user@forum.example.org/", "contains credentials"),
    ("https:///path-only", "has no host"),
    ("http:forum.example.org", "is not an absolute address"),
    ("forum.example.org", "is not an absolute address"),
    ("forum.example.org:8080/x", "is not an absolute address"),
    ("https://forum.example.org:99999/", "is not a valid URL"),
    ("https://forum.example.org/a b", "contains spaces"),
    ("https://<script>/", "invalid host"),
]


@pytest.mark.parametrize(("url", "fragment"), PROBLEMS)
def test_url_problem(url, fragment):
    problem = url_problem(url)
    if fragment is None:
        assert problem is None
    else:
        assert problem is not None and fragment in problem, problem


# --- URL normalisation --------------------------------------------------------------------

NORMALIZE = [
    ("https://forum.example.org/", "https://forum.example.org"),
    ("HTTPS://Forum.EXAMPLE.org", "https://forum.example.org"),
    ("https://www.example.org/forum/", "https://example.org/forum"),
    ("https://WWW.example.org", "https://example.org"),
    ("https://example.org:443/x", "https://example.org/x"),
    ("http://example.org:80/x", "http://example.org/x"),
    ("https://example.org:8443/x", "https://example.org:8443/x"),
    ("http://example.org:443/x", "http://example.org:443/x"),
    ("https://example.org/Forum/", "https://example.org/Forum"),  # path case kept
    ("https://example.org/XBOX/", "https://example.org/XBOX"),  # only slashes are trimmed
    ("https:///path-only/", "https:///path-only"),  # no host: nothing made up
    ("https://example.org/x#top", "https://example.org/x"),
    ("https://example.org/x?utm_source=news&utm_MEDIUM=mail", "https://example.org/x"),
    ("https://example.org/x?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&ref=5", "https://example.org/x"),
    ("https://example.org/x?b=2&a=1&utm_campaign=z", "https://example.org/x?a=1&b=2"),
    ("https://example.org/x?q=a+b", "https://example.org/x?q=a+b"),
    # Tracking keys are matched whatever their case; other keys keep theirs.
    ("https://example.org/x?FBCLID=1&Ref=2&GCLID=3", "https://example.org/x"),
    ("https://example.org/x?UTM_SOURCE=news&Utm_Medium=mail", "https://example.org/x"),
    ("https://example.org/x?Page=2&FBCLID=1", "https://example.org/x?Page=2"),
    # A key with no value is still a key: `?edit=` and `?edit` are not the bare page.
    ("https://example.org/x?b=1&edit=", "https://example.org/x?b=1&edit="),
    ("https://example.org/x?edit", "https://example.org/x?edit="),
    ("https://example.org/x?fbclid=&a=", "https://example.org/x?a="),
    ("https://u:p@example.org/", "https://example.org"),
    ("https://example.org./", "https://example.org"),
    ("https://[::1]:8080/", "https://[::1]:8080"),
    ("  https://example.org/  ", "https://example.org"),
]


@pytest.mark.parametrize(("url", "expected"), NORMALIZE)
def test_normalize_url(url, expected):
    assert normalize_url(url) == expected


def test_tracking_keys_in_any_case_are_duplicates_of_the_clean_link():
    clean = normalize_url("https://forum.example.org/t/42")
    assert normalize_url("https://forum.example.org/t/42?FBCLID=abc") == clean
    assert normalize_url("https://forum.example.org/t/42?UTM_Campaign=x&Ref_Src=y") == clean


def test_a_blank_query_value_is_not_dropped():
    assert normalize_url("https://example.org/search?q=") != normalize_url(
        "https://example.org/search"
    )
