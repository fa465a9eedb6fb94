"""Threads find their article by post id, then old path, then exact title; guesses say so."""

import pytest

from masthead.migration.comments.matching import (
    PATH,
    POST_ID,
    TITLE,
    ArticleIndex,
    path_normalise,
    post_id_of,
    thread_match,
)


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("http://old.example/2015/05/council-vote/", "/2015/05/council-vote"),
        ("https://www.old.example/2015/05/council-vote?utm_source=x#comments", "/2015/05/council-vote"),
        ("//old.example/2015/05/council-vote//", "/2015/05/council-vote"),
        ("/2015/05/caf%C3%A9/", "/2015/05/caf%C3%A9"),
        ("/2015/05/café", "/2015/05/caf%C3%A9"),
        ("http://old.example/", "/"),
        ("", ""),
    ],
)
def test_paths_ignore_scheme_host_query_and_trailing_slash(url, path):
    assert path_normalise(url) == path


@pytest.mark.parametrize(
    ("identifier", "url", "post_id"),
    [
        ("123 http://old.example/?p=123", "", "123"),
        ("", "http://old.example/?p=77", "77"),
        ("", "http://old.example/?page_id=8&x=1", "8"),
        ("some-custom-id", "http://old.example/a-post/", ""),
        ("", "", ""),
    ],
)
def test_post_ids_come_from_identifiers_and_question_mark_p(identifier, url, post_id):
    assert post_id_of(identifier=identifier, url=url) == post_id


@pytest.fixture
def index():
    index = ArticleIndex(by_post_id={"123": 1})
    index.add_path("http://old.example/2015/05/bridge/", 2)
    index.add_title("Council passes budget", 3)
    index.add_title("Weather", 4)
    index.add_title("Weather", 5)
    return index


def test_the_rules_apply_in_order(index):
    assert thread_match(index=index, identifier="123 x", url="http://x/2015/05/bridge/").rule == POST_ID
    assert thread_match(index=index, url="https://new.example/?p=123").page_id == 1
    by_path = thread_match(index=index, url="https://else.example/2015/05/bridge?amp=1", title="Weather")
    assert (by_path.page_id, by_path.rule) == (2, PATH)
    by_title = thread_match(index=index, url="http://old.example/gone/", title=" Council passes budget ")
    assert (by_title.page_id, by_title.rule) == (3, TITLE)


def test_unmatched_threads_say_why(index):
    shared = thread_match(index=index, title="Weather")
    assert shared.page_id is None and "2 articles" in shared.detail
    lost = thread_match(index=index, identifier="999 http://old.example/?p=999", url="", title="")
    assert lost.page_id is None
    assert lost.detail == "post 999 was not imported; no address; no title"
    assert thread_match(index=index, url="http://old.example/").page_id is None
