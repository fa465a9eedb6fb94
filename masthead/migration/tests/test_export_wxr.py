"""`masthead export --format wxr`: an edition as a WordPress export that WordPress's importer
reads (both of its parsers, wordpress_rules.py), that Isso's own `isso import` takes with its
threads, and that `masthead import wordpress` brings back into an empty Masthead unchanged."""

import re
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.html import strip_tags
from lxml import etree

from masthead.comments.models import Comment
from masthead.migration.export import wxr
from masthead.newsroom.models import ArticlePage, NewsImage, Topic

from .wordpress_rules import comparable, regex_parse, simplexml_parse

DATE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")
STATUSES = {"approved": "1", "pending": "0", "spam": "spam", "removed": "trash"}


def _export(tmp_path: Path, *args: str) -> bytes:
    tmp_path.mkdir(exist_ok=True)
    path = tmp_path / "site.xml"
    call_command("export", "--format", "wxr", "--output", str(path), *args)
    return path.read_bytes()


def _text(markup: str) -> str:
    """What a reader reads of some HTML: its words, whitespace collapsed."""
    return " ".join(unescape(strip_tags(re.sub(r"<!--.*?-->", " ", markup, flags=re.S))).split())


@pytest.mark.django_db
def test_the_edition_reads_the_same_through_both_of_wordpress_parsers(newsroom, tmp_path, settings):
    data = _export(tmp_path)

    parsed = simplexml_parse(data)
    assert parsed["version"] == "1.2"
    assert comparable(parsed) == comparable(regex_parse(data)), "the line-by-line parser reads it alike"
    assert parsed["base_url"] == settings.BASE_URL
    posts = {p["post_id"]: p for p in parsed["posts"]}
    articles = ArticlePage.objects.filter(locale__language_code="en")
    assert sorted(int(i) for i, p in posts.items() if p["post_type"] == "post") == sorted(
        a.pk for a in articles
    )
    for article in articles:
        post = posts[str(article.pk)]
        assert post["title"] == article.title
        assert DATE.match(post["post_date"]) and DATE.match(post["post_date_gmt"])
        assert post["post_date_gmt"] == article.first_published_at.astimezone(UTC).strftime(
            "%Y-%m-%d %H:%M:%S"
        )
        assert post["status"] == "publish"
        assert post["author"] == article.bylines.first().author.slug
        assert post["author"] in parsed["authors"]
        assert sorted(t["slug"] for t in post["terms"] if t["domain"] == "category") == sorted(
            t.slug for t in article.topics.all()
        )
        first_paragraph = next(b.value.source for b in article.body if b.block_type == "paragraph")
        assert _text(first_paragraph) in _text(post["content"])
    attachments = {p["post_id"]: p for p in parsed["posts"] if p["post_type"] == "attachment"}
    assert len(attachments) == NewsImage.objects.count()
    assert all(a["attachment_url"].startswith(f"{settings.BASE_URL}/media/") for a in attachments.values())
    assert {p["postmeta"]["_thumbnail_id"] for p in posts.values() if p["post_type"] == "post"} <= set(
        attachments
    )
    exported = [(p, c) for p in posts.values() for c in p["comments"]]
    assert len(exported) == Comment.objects.filter(page__locale__language_code="en").count()
    for post, comment in exported:
        siblings = {c["comment_id"] for c in post["comments"]}
        assert comment["comment_parent"] == "0" or comment["comment_parent"] in siblings
        assert DATE.match(comment["comment_date"]) and DATE.match(comment["comment_date_gmt"])
    stored = {str(c.pk): c for c in Comment.objects.all()}
    assert {c["comment_approved"] for _, c in exported} == {
        STATUSES[stored[c["comment_id"]].status] for _, c in exported
    }
    replies = [c for _, c in exported if c["comment_parent"] != "0"]
    assert replies, "the demo's threads have replies"
    assert all(str(stored[c["comment_id"]].parent_id) == c["comment_parent"] for c in replies)


@pytest.mark.django_db
def test_text_that_would_break_the_xml_is_kept_or_dropped_as_wordpress_does(newsroom, tmp_path):
    article = ArticlePage.objects.filter(locale__language_code="en", comments_thread__isnull=False).first()
    title = 'Budget "<vote>" & the ]]> that ends CDATA'
    body = [{"type": "paragraph", "value": "<p>A ]]> inside the body, and a second ]]>]]> too.</p>"}]
    ArticlePage.objects.filter(pk=article.pk).update(title=title, body=body)
    comment = Comment.objects.filter(page=article).first()
    Comment.objects.filter(pk=comment.pk).update(body_html="<p>Mind the ]]> and a bell\x07 here</p>")
    topic = article.topics.first()
    Topic.objects.filter(pk=topic.pk).update(name="Budget ]]> rows")

    data = _export(tmp_path)

    etree.fromstring(data)  # well-formed: the bell character (not allowed in XML 1.0) is gone
    for parsed in (simplexml_parse(data), comparable(regex_parse(data))):
        post = next(p for p in parsed["posts"] if p["post_id"] == str(article.pk))
        assert post["title"] == title
        assert "A ]]> inside the body, and a second ]]>]]> too." in _text(post["content"])
        assert {"domain": "category", "slug": topic.slug, "name": "Budget ]]> rows"} in post["terms"]
        assert {"slug": topic.slug, "name": "Budget ]]> rows"} in parsed["categories"]
        exported = next(c for c in post["comments"] if c["comment_id"] == str(comment.pk))
        assert exported["comment_content"] == "<p>Mind the ]]> and a bell here</p>"


@pytest.mark.django_db
def test_dates_are_given_in_the_site_time_and_in_gmt(newsroom, tmp_path, settings):
    settings.TIME_ZONE = "America/New_York"
    article = ArticlePage.objects.filter(locale__language_code="en").order_by("pk").first()

    post = next(p for p in simplexml_parse(_export(tmp_path))["posts"] if p["post_id"] == str(article.pk))

    published = article.first_published_at
    assert post["post_date_gmt"] == published.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    local = published.astimezone(__import__("zoneinfo").ZoneInfo("America/New_York"))
    assert post["post_date"] == local.strftime("%Y-%m-%d %H:%M:%S")
    assert post["post_date"] != post["post_date_gmt"]


@pytest.mark.django_db
def test_the_arabic_edition_exports_alone_with_its_slugs_as_wordpress_keeps_them(newsroom, tmp_path):
    parsed = simplexml_parse(_export(tmp_path, "--edition", "ar"))

    articles = ArticlePage.objects.filter(locale__language_code="ar")
    posts = [p for p in parsed["posts"] if p["post_type"] == "post"]
    assert sorted(p["title"] for p in posts) == sorted(a.title for a in articles)
    article = articles.first()
    ArticlePage.objects.filter(pk=article.pk).update(slug="ميزانية-المجلس")
    parsed = simplexml_parse(_export(tmp_path / "again", "--edition", "ar"))
    post = next(p for p in parsed["posts"] if p["post_id"] == str(article.pk))
    assert post["post_name"] == quote("ميزانية-المجلس").lower()  # as WordPress keeps such a slug


# Bad input ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_unknown_format_is_refused_by_name(home, tmp_path):
    with pytest.raises(CommandError, match=r"invalid choice: 'xml' \(choose from 'json', 'wxr'\)"):
        call_command("export", "--format", "xml", "--output", str(tmp_path / "out.xml"))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "wxr"])
def test_an_output_that_exists_is_left_as_it_is(home, tmp_path, fmt):
    existing = tmp_path / "site.xml"
    existing.write_text("last year's export")

    with pytest.raises(CommandError, match="already exists: name a new file"):
        call_command("export", "--format", fmt, "--output", str(existing))
    assert existing.read_text() == "last year's export"
    assert list(tmp_path.iterdir()) == [existing]


@pytest.mark.django_db
def test_an_output_that_cannot_be_written_is_refused_before_any_work(home, tmp_path):
    with pytest.raises(CommandError, match="the folder .*missing does not exist"):
        call_command("export", "--format", "wxr", "--output", str(tmp_path / "missing" / "site.xml"))
    with pytest.raises(CommandError, match="cannot write /proc/site.xml"):
        call_command("export", "--format", "wxr", "--output", "/proc/site.xml")


@pytest.mark.django_db
def test_an_export_that_fails_halfway_leaves_no_file(newsroom, tmp_path, monkeypatch):
    def broken(self, comment):
        self.out.write("<wp:comment>half")
        raise RuntimeError("the database went away")

    monkeypatch.setattr(wxr.WxrWriter, "_comment", broken)
    with pytest.raises(RuntimeError, match="went away"):
        call_command("export", "--format", "wxr", "--output", str(tmp_path / "site.xml"))
    assert list(tmp_path.iterdir()) == [], "neither the file nor its temporary part is left"


@pytest.mark.django_db
def test_media_files_go_with_the_json_format_only(home, tmp_path):
    with pytest.raises(CommandError, match="--with-media goes with --format json"):
        call_command("export", "--format", "wxr", "--with-media", "--output", str(tmp_path / "x.zip"))


# Comment tools --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_isso_imports_the_comments_with_their_threads(newsroom, tmp_path, settings):
    _export(tmp_path)
    isso = Path(sys.executable).parent / "isso"
    config = tmp_path / "isso.cfg"
    config.write_text(f"[general]\ndbpath = {tmp_path / 'isso.db'}\nhost = {settings.BASE_URL}/\n")

    run = subprocess.run(
        [str(isso), "-c", str(config), "import", str(tmp_path / "site.xml")],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert run.returncode == 0, run.stderr
    ours = list(Comment.objects.filter(page__locale__language_code="en").select_related("page"))
    key = {c.pk: (c.author_name, _text(c.body_html)) for c in ours}
    assert len(set(key.values())) == len(ours), "each demo comment can be told apart by name and text"
    with sqlite3.connect(tmp_path / "isso.db") as db:
        uris = dict(db.execute("SELECT id, uri FROM threads"))
        rows = db.execute("SELECT id, tid, parent, author, text, mode FROM comments").fetchall()
    theirs = {row[0]: (row[3], _text(row[4])) for row in rows}
    assert sorted(theirs.values()) == sorted(key.values())
    by_key = {(row[3], _text(row[4])): row for row in rows}
    for comment in ours:
        _id, thread, parent, _author, _body, mode = by_key[key[comment.pk]]
        assert uris[thread] == comment.page.url
        assert mode == (1 if comment.status == "approved" else 2)  # Isso holds the rest for moderation
        # Isso keeps one level of replies: a reply to a reply hangs under the thread's first comment.
        assert (theirs[parent] if parent else None) == (key[comment.root_id] if comment.parent_id else None)
    assert any(c.depth == 1 for c in ours) and any(c.depth > 1 for c in ours)


# The round trip -------------------------------------------------------------------------------------


def _articles(language: str) -> dict:
    """Each article as a reader knows it: title, date, byline, topics and the words of its body,
    with the pictures it shows and their captions."""
    articles = {}
    for article in ArticlePage.objects.filter(locale__language_code=language).prefetch_related("topics"):
        figures = [
            (b.value["image"].title, b.value["caption"] or b.value["image"].caption)
            for b in article.body
            if b.block_type == "image"
        ]
        articles[article.title] = {
            "live": article.live,
            "published": article.first_published_at.replace(microsecond=0),
            "standfirst": article.standfirst,
            "bylines": [b.author.name for b in article.bylines.order_by("sort_order")],
            "topics": sorted(t.name for t in article.topics.all()),
            "text": article.body_words(),
            "figures": figures,
            "lead_image": article.lead_image.title if article.lead_image else None,
        }
    return articles


def _comments(language: str) -> dict:
    comments = Comment.objects.filter(page__locale__language_code=language).select_related("page", "parent")

    def key(c: Comment) -> tuple:
        return (c.page.title, c.author_name, _text(c.body_html))

    return {
        key(c): {
            "email": c.author_email,
            "url": c.author_url,
            "status": c.status,
            "parent": key(c.parent) if c.parent else None,
            "written": c.created_at.replace(microsecond=0),
            "votes": (c.up, c.down),
        }
        for c in comments
    }


def _empty_the_site() -> None:
    """Back to a Masthead with its edition home pages and nothing the newsroom put in."""
    from taggit.models import Tag
    from wagtail.documents import get_document_model

    from masthead.newsroom.models import Author, PlainPage

    Comment.objects.all().delete()
    ArticlePage.objects.all().delete()
    PlainPage.objects.all().delete()
    for model in (Author, Topic, Tag, NewsImage, get_document_model()):
        model.objects.all().delete()


@pytest.mark.django_db
def test_an_edition_exported_as_wxr_comes_back_the_same_through_masthead_import_wordpress(
    newsroom, tmp_path, settings
):
    english = Comment.objects.filter(page__locale__language_code="en").order_by("pk")
    replied_to = english.filter(replies__isnull=False).distinct()
    leaves = english.filter(replies__isnull=True)
    english.filter(pk=replied_to[0].pk).update(up=7, down=2, score=5)
    english.filter(pk=replied_to[1].pk).update(status="spam")  # kept: its replies hang under it
    for leaf, status in zip(leaves[:3], ("pending", "spam", "removed"), strict=True):
        english.filter(pk=leaf.pk).update(status=status)
    _export(tmp_path)
    articles, comments = _articles("en"), _comments("en")
    uploads = tmp_path / "uploads"
    shutil.copytree(settings.MEDIA_ROOT, uploads)
    _empty_the_site()
    assert len(articles) == 12 and any(a["figures"] for a in articles.values())
    assert not ArticlePage.objects.exists() and not Comment.objects.exists()

    call_command("import_wordpress", str(tmp_path / "site.xml"), "--uploads", str(uploads))

    assert _articles("en") == articles
    hidden = {"spam", "removed"}
    replied = {c["parent"] for c in comments.values() if c["parent"]}
    kept = {k: c for k, c in comments.items() if c["status"] not in hidden or k in replied}
    assert _comments("en") == kept, "every comment but spam and removed ones nobody replied to"
    assert any(c["parent"] for c in kept.values())
    assert {c["status"] for c in kept.values()} == {"approved", "pending", "spam"}
    assert len(kept) == len(comments) - 2


def _blocks(article: ArticlePage) -> list:
    """The body's blocks by type and what they hold, pictures and files by their title."""
    out = []
    for block in article.body:
        value = block.value
        if block.block_type == "paragraph":
            out.append(("paragraph", value.source))
        elif block.block_type in ("image", "gallery"):
            images = [value] if block.block_type == "image" else value["images"]
            pictures = [(i["image"].title, i["caption"]) for i in images]
            out.append(
                (block.block_type, pictures, value.get("caption") if block.block_type == "gallery" else "")
            )
        elif block.block_type == "list":
            # An item is shown the same with or without its <p> (the importer leaves it out).
            items = [re.sub(r"^<p>(.*)</p>$", r"\1", item.source, flags=re.S) for item in value["items"]]
            out.append(("list", value["ordered"], items))
        elif block.block_type in ("audio", "video"):
            title = value["file"].title if value["file"] else None
            out.append((block.block_type, title, value["url"], value["caption"]))
        elif block.block_type == "table":
            out.append(("table", value["data"], value["first_row_is_table_header"], value["table_caption"]))
        elif block.block_type == "embed":
            out.append(("embed", value.url))
        elif block.block_type == "separator":
            out.append(("separator",))
        else:
            out.append((block.block_type, dict(value) if hasattr(value, "keys") else str(value)))
    return out


@pytest.mark.django_db
def test_every_kind_of_block_comes_back_as_the_same_block(home, reporter, tmp_path, settings):
    from masthead.newsroom.services import article_publish, document_create, image_create
    from masthead.newsroom.tests.factories import picture_bytes

    river = image_create(title="The river", data=picture_bytes(), filename="river.jpg", caption="Low water")
    bridge = image_create(title="The bridge", data=picture_bytes(color=(150, 60, 40)), filename="bridge.jpg")
    recording = document_create(title="The interview", data=b"ID3" + b"\0" * 64, filename="interview.mp3")
    body = [
        (
            "paragraph",
            '<p>Plain, <b>bold</b>, <i>italic</i> and <a href="https://example.org/a">a link</a>.</p>',
        ),
        ("heading", "What happened"),
        ("image", {"image": river, "caption": "The Wend at dusk", "credit": ""}),
        ("quote", {"text": "We stayed dry.\nFor the first time.", "attribution": "A resident"}),
        ("pullquote", {"text": "The wall held.", "attribution": ""}),
        ("list", {"ordered": True, "items": ["<p>First</p>", "<p>Second, <b>louder</b></p>"]}),
        (
            "gallery",
            {
                "images": [{"image": river, "caption": "Before"}, {"image": bridge, "caption": "After"}],
                "caption": "Two views",
            },
        ),  # fmt: skip
        ("audio", {"file": recording, "url": "", "caption": "The interview in full"}),
        ("video", {"file": None, "url": "https://media.example.org/flood.mp4", "caption": ""}),
        (
            "table",
            {
                "data": [["Year", "Floods"], ["2019", "2"], ["2026", "0"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Floods a year",
            },
        ),  # fmt: skip
        ("code", {"language": "python", "code": "level = read()\n\nif level > 3:\n    warn()"}),
        ("separator", None),
    ]
    article = article_publish(
        home=home,
        title="Every block",
        slug="every-block",
        standfirst="",
        body=body,
        authors=[reporter],
        topics=[],
    )
    before = _blocks(ArticlePage.objects.get(pk=article.pk))
    _export(tmp_path)
    uploads = tmp_path / "uploads"
    shutil.copytree(settings.MEDIA_ROOT, uploads)
    _empty_the_site()

    call_command("import_wordpress", str(tmp_path / "site.xml"), "--uploads", str(uploads))

    after = _blocks(ArticlePage.objects.get(title="Every block"))
    assert [b[0] for b in after] == [b[0] for b in before]
    assert after == before


@pytest.mark.django_db
def test_a_nested_page_names_its_parent_and_comes_back_under_it(home, tmp_path):
    from masthead.newsroom.models import PlainPage

    about = home.add_child(instance=PlainPage(title="About us", slug="about"))
    team = about.add_child(instance=PlainPage(title="Our team", slug="team", allow_discussion=True))
    for page in (about, team):
        page.save_revision().publish()

    parsed = simplexml_parse(_export(tmp_path))

    pages = {p["title"]: p for p in parsed["posts"] if p["post_type"] == "page"}
    assert pages["Our team"]["post_parent"] == str(about.pk) and pages["About us"]["post_parent"] == "0"
    assert (pages["Our team"]["comment_status"], pages["About us"]["comment_status"]) == ("open", "closed")
    _empty_the_site()
    call_command("import_wordpress", str(tmp_path / "site.xml"))
    imported = PlainPage.objects.get(title="Our team")
    assert imported.get_parent().title == "About us"
    assert imported.url_path.endswith("/about/team/")
