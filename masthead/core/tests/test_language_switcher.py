"""The language switcher never leads off the site, whatever address the reader was sent to."""

import re

import pytest


def _switcher_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
    return re.findall(r'<a href="([^"]*)"', nav.group(0)) if nav else []


@pytest.mark.parametrize("path", ["//evil.example/x/", "///evil.example/x/", "/\\evil.example/x/"])
def test_a_404_for_a_protocol_relative_path_links_to_no_other_host(client, home, path):
    # The test client would read "//host/…" as a host; PATH_INFO is what a server passes on.
    response = client.get("/", PATH_INFO=path)

    assert response.status_code == 404
    links = _switcher_links(response.content.decode())
    assert links, "the 404 page still offers the other edition"
    assert all(link.startswith("/") and not link.startswith(("//", "/\\")) for link in links), links
    assert not any("evil.example" in link for link in links)


def test_a_404_on_an_ordinary_path_offers_the_same_path_in_the_other_edition(client, home):
    response = client.get("/no-such-story/?ref=feed")

    assert response.status_code == 404
    assert "/ar/no-such-story/?ref=feed" in _switcher_links(response.content.decode())
