"""WordPress page parents are rebuilt: a child page lives under its parent, at its old address."""

import json

from masthead.newsroom.models import PlainPage

from . import wxr_builder as b

SITE = "https://old.example.org"


def _pages(*, team_parent: int = 10) -> str:
    return b.wxr(
        # The child comes first, as exports may list it; its parent's parent is the home page.
        b.item(12, "Editors", "<p>Who edits.</p>", post_type="page", slug="editors", parent=11,
               link=f"{SITE}/about/team/editors/")
        + b.item(11, "Team", "<p>Who we are.</p>", post_type="page", slug="team", parent=team_parent,
                 link=f"{SITE}/about/team/")
        + b.item(10, "About", "<p>About us.</p>", post_type="page", slug="about", link=f"{SITE}/about/")
        + b.item(13, "Lost child", "<p>Orphan.</p>", post_type="page", slug="lost", parent=99,
                 link=f"{SITE}/gone/lost/")
    )  # fmt: skip


def test_child_pages_live_under_their_parents_at_their_old_addresses(home, write_export, run_import, client):
    run_import(write_export(_pages()))
    assert "Who edits." in client.get("/about/team/editors/").content.decode()
    assert "Who we are." in client.get("/about/team/").content.decode()
    team = PlainPage.objects.get(slug="team")
    assert team.get_parent().specific.title == "About"
    assert [p.title for p in team.get_children()] == ["Editors"]
    assert client.get("/?page_id=12")["Location"] == "/about/team/editors/"


def test_a_page_whose_parent_is_not_imported_stays_under_home_with_a_note(
    home, write_export, run_import, tmp_path, client
):
    run_import(write_export(_pages()), "--report", tmp_path / "r.json")
    assert PlainPage.objects.get(slug="lost").get_parent().pk == home.pk
    notes = json.loads((tmp_path / "r.json").read_text())["notes"]
    assert any(n["source_id"] == "13" and "parent page 99" in n["detail"] for n in notes)
    assert client.get("/gone/lost/")["Location"] == "/lost/"


def test_a_rerun_moves_a_page_whose_parent_changed_and_nothing_else(home, write_export, run_import):
    run_import(write_export(_pages()))
    run_import(write_export(_pages(team_parent=0), "newer.xml"))
    assert PlainPage.objects.get(slug="team").get_parent().pk == home.pk
    assert PlainPage.objects.get(slug="editors").url == "/team/editors/"
