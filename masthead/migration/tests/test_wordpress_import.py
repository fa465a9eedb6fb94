"""`masthead import wordpress`: what comes in from a newsroom's export, and how it looks after."""

import json
from datetime import UTC, datetime

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model

from masthead.migration.selectors import imported_object_get
from masthead.newsroom.models import ArticlePage, Author, NewsImage, PlainPage, Topic

from .export_sample import sample_export


@pytest.fixture
def imported(home, write_export, uploads, run_import, tmp_path):
    out = run_import(
        write_export(sample_export()), "--uploads", uploads, "--report", tmp_path / "report.json"
    )
    return out, json.loads((tmp_path / "report.json").read_text())


def _article(slug: str) -> ArticlePage:
    return ArticlePage.objects.get(slug=slug)


def test_the_report_accounts_for_every_item(imported):
    out, report = imported
    kinds = report["kinds"]
    assert report["accounted"] is True
    assert {k: (v["found"], v["imported"], v["skipped"]) for k, v in kinds.items()} == {
        "authors": (2, 2, 0),
        "topics": (2, 2, 0),
        "tags": (1, 1, 0),
        "attachments": (4, 4, 0),
        "posts": (7, 6, 1),
        "pages": (1, 1, 0),
        "redirects": (15, 15, 0),
        "other": (3, 0, 3),
    }
    assert kinds["posts"]["skipped_reasons"] == {"trash": 1}
    assert kinds["other"]["skipped_reasons"] == {
        "type custom_css": 1,
        "type nav_menu_item": 1,
        "type revision": 1,
    }
    assert report["unknown_markup"] == {"wp:acme/poll": 1, "[contact-form-7]": 1}
    assert [m["file"] for m in report["missing_media"]] == [
        "2019/05/lost.jpg",
        "https://elsewhere.example.com/missing.jpg",
    ]
    assert "posts: 7 found, 6 imported, 0 updated, 0 unchanged, 1 skipped (trash 1)" in out


def test_authors_bylines_topics_and_tags(imported):
    story = _article("the-river-rises")
    assert [a.name for a in story.authors] == ["Ana Ortiz", "Ben Okafor"]  # Co-Authors Plus order
    assert [t.name for t in story.topics.all()] == ["Floods"]
    assert [t.name for t in story.tags.all()] == ["River levels"]
    floods = imported_object_get(
        source="wordpress", source_site="old.example.org", kind="topics", source_id="floods"
    )
    assert floods.data["parent"] == "news" and floods.target == Topic.objects.get(name="Floods")
    assert imported_object_get(
        source="wordpress", source_site="old.example.org", kind="authors", source_id="ana"
    ).target == Author.objects.get(name="Ana Ortiz")
    assert [a.name for a in _article("council-meets").authors] == ["Ben Okafor"]  # dc:creator without bylines


def test_statuses_become_live_scheduled_and_draft(imported):
    published = _article("the-river-rises")
    assert published.live and published.first_published_at == datetime(2019, 5, 14, 9, 30, tzinfo=UTC)
    assert not published.was_updated
    scheduled = ArticlePage.objects.get(title="Next week's vote")
    assert not scheduled.live and scheduled.latest_revision.approved_go_live_at == datetime(
        2999, 1, 1, 9, 0, tzinfo=UTC
    )
    for title in ("Half-written", "For review", "Staff only"):
        draft = ArticlePage.objects.get(title=title)
        assert not draft.live and draft.has_unpublished_changes
    assert not ArticlePage.objects.filter(title="Deleted story").exists()
    about = PlainPage.objects.get(slug="about")
    assert about.live and not about.allow_discussion


def test_standfirst_lead_image_and_attachments(imported):
    story = _article("the-river-rises")
    assert story.standfirst == "Water everywhere."
    river = story.lead_image
    assert (river.title, river.caption, river.credit, river.description) == (
        "River in flood",
        "The river at the bridge",
        "Ana Ortiz",
        "Brown water under the bridge",
    )
    assert (river.width, river.height) == (1200, 800)
    assert get_document_model().objects.get(title="Interview").file.name.endswith(".mp3")
    lost = NewsImage.objects.get(title="Lost photo")
    assert not lost.is_stored_locally() or not lost.file.storage.exists(lost.file.name)


def test_block_markup_becomes_blocks(imported):
    body = _article("the-river-rises").body
    assert [b.block_type for b in body] == [
        "paragraph", "heading", "list", "image", "pullquote", "gallery", "audio", "embed", "table", "code",
        "separator", "kept_html",
    ]  # fmt: skip
    values = [b.value for b in body]
    assert (
        values[0].source
        == '<p>The <b>river</b> rose <a href="https://example.net/gauge">past the gauge</a>.</p>'
    )
    assert values[1] == "What happened"
    assert [item.source for item in values[2]["items"]] == ["Roads closed", "Schools shut"]
    assert values[3]["image"].title == "River in flood" and values[3]["caption"] == "Water at the bridge"
    assert values[4]["text"] == "We have never seen it this high." and values[4]["attribution"] == "Ana Ortiz"
    gallery = values[5]["images"]
    assert [(i["image"].title, i["caption"]) for i in gallery] == [
        ("River in flood", "Morning"),
        ("Old bridge", ""),
    ]
    assert values[6]["file"].title == "Interview" and values[6]["caption"] == "The interview"
    assert values[7].url == "https://www.youtube.com/watch?v=abc123"
    assert (
        values[8]["data"] == [["Town", "Level"], ["Millgate", "4.2 m"]]
        and values[8]["first_row_is_table_header"]
    )
    assert values[9]["code"] == "level = 4.2"
    assert values[11]["origin"] == "wp:acme/poll" and "<script" not in values[11]["html"]


def test_classic_html_and_shortcodes_become_blocks(imported):
    body = _article("council-meets").body
    kinds = [(b.block_type, b.value) for b in body]
    assert [k for k, _ in kinds] == [
        "paragraph", "paragraph", "image", "gallery", "audio", "embed", "embed", "embed", "kept_html",
        "quote", "image", "paragraph",
    ]  # fmt: skip
    assert kinds[1][1].source == "<p>It agreed <i>three</i> things.<br>\nOne of them was late.</p>"
    assert kinds[2][1]["image"].title == "Old bridge" and kinds[2][1]["caption"] == "The old bridge"
    assert [i["image"].title for i in kinds[3][1]["images"]] == ["River in flood", "Old bridge"]
    assert kinds[4][1]["file"].title == "Interview"
    assert [v.url for k, v in kinds if k == "embed"] == [
        "https://www.youtube.com/watch?v=xyz789",
        "https://vimeo.com/12345",
        "https://www.youtube.com/watch?v=line42",
    ]
    assert kinds[8][1]["origin"] == "[contact-form-7]"
    assert kinds[9][1]["text"] == "A quote from the minutes."
    assert kinds[10][1]["image"].file.name.endswith("missing.jpg")  # shown as "Image unavailable"
    assert kinds[11][1].source == "<p>Prices went up [sic] again.</p>"  # bracketed prose stays text


def test_the_article_page_shows_tags_gallery_and_inert_kept_html(imported, client):
    response = client.get(_article("the-river-rises").url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'rel="tag">River levels</a>' in html and "search/?q=River%20levels" in html
    assert (
        html.count("Click to see full-size image") == 4
    )  # the figure and three in the gallery? no: see below
    assert "<script>alert(1)</script>" not in html and "Which road?" in html
    assert "<table>" in html and '<th scope="col">Town</th>' in html
    assert "<audio controls" in html


def test_search_finds_an_article_by_its_tag(imported, client):
    html = client.get("/search/?q=levels").content.decode()
    assert "The river rises" in html


def test_old_addresses_answer_301(imported, client):
    story = _article("the-river-rises")
    for old in ("/2019/05/the-river-rises/", "/?p=7"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, story.url), old
    assert client.get("/?page_id=14")["Location"] == PlainPage.objects.get(slug="about").url
    floods = Topic.objects.get(name="Floods").get_absolute_url()
    for old in ("/category/floods/", "/category/news/floods/"):
        assert (client.get(old).status_code, client.get(old)["Location"]) == (301, floods)
    assert client.get("/author/ana/")["Location"] == Author.objects.get(name="Ana Ortiz").get_absolute_url()
    assert client.get("/tag/river-levels/")["Location"] == "/search/?q=River%20levels"
    assert Redirect.objects.filter(old_path="/2019/06/council-meets").exists()
