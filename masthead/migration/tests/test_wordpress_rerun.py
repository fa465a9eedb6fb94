"""Re-running an import is how a newsroom catches up: it updates and adds, never duplicates, and
leaves alone what an editor changed since (unless --overwrite)."""

import json
import zipfile

import pytest
from django.core.management.base import CommandError
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision

from masthead.migration.models import ImportedObject
from masthead.newsroom.models import ArticlePage, Author, NewsImage, Topic

from . import wxr_builder as b
from .export_sample import sample_export


def _counts() -> dict:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "authors": Author.objects.count(),
        "topics": Topic.objects.count(),
        "images": NewsImage.objects.count(),
        "redirects": Redirect.objects.count(),
        "mappings": ImportedObject.objects.count(),
    }


def _report(path) -> dict:
    return json.loads(path.read_text())["kinds"]


def test_a_rerun_of_the_same_export_changes_nothing(home, write_export, uploads, run_import, tmp_path):
    export = write_export(sample_export())
    run_import(export, "--uploads", uploads)
    before = _counts()
    run_import(export, "--uploads", uploads, "--report", tmp_path / "again.json")
    assert _counts() == before
    kinds = _report(tmp_path / "again.json")
    for kind in ("authors", "topics", "tags", "posts", "pages", "redirects"):
        assert kinds[kind]["imported"] == kinds[kind]["updated"] == 0, kind
    assert kinds["posts"]["unchanged"] == 6
    assert kinds["attachments"]["unchanged"] == 4


def test_a_newer_export_updates_what_changed_and_adds_what_is_new(
    home, write_export, uploads, run_import, tmp_path
):
    run_import(write_export(sample_export()), "--uploads", uploads)
    newer = sample_export().replace("Council meets", "Council meets again")
    newer = newer.replace(
        "</channel>", b.item(30, "A new story", "<p>Fresh.</p>", creator="ben") + "</channel>"
    )
    run_import(write_export(newer, "newer.xml"), "--uploads", uploads, "--report", tmp_path / "r.json")
    kinds = _report(tmp_path / "r.json")
    assert (kinds["posts"]["imported"], kinds["posts"]["updated"], kinds["posts"]["unchanged"]) == (1, 1, 5)
    assert ArticlePage.objects.filter(title="Council meets again").count() == 1
    assert not ArticlePage.objects.filter(title="Council meets").exists()
    assert ArticlePage.objects.get(title="A new story").live


def test_an_article_edited_since_is_a_conflict_unless_overwritten(
    home, write_export, uploads, run_import, tmp_path
):
    run_import(write_export(sample_export()), "--uploads", uploads)
    story = ArticlePage.objects.get(slug="council-meets")
    story.title = "Council meets (corrected)"
    story.save_revision().publish()
    newer = write_export(sample_export().replace("It agreed", "It voted on"), "newer.xml")
    out = run_import(newer, "--uploads", uploads, "--report", tmp_path / "r.json")
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["kinds"]["posts"]["skipped_reasons"] == {
        "trash": 1,
        "edited in Masthead since the import (conflict)": 1,
    }
    assert [c["source_id"] for c in report["conflicts"]] == ["8"]
    assert "conflicts (edited since import; --overwrite replaces them)" in out
    assert ArticlePage.objects.get(pk=story.pk).title == "Council meets (corrected)"
    run_import(newer, "--uploads", uploads, "--overwrite")
    story = ArticlePage.objects.get(pk=story.pk)
    assert story.title == "Council meets" and "It voted on" in story.body[1].value.source


def test_a_dry_run_writes_nothing_and_reports_what_would_happen(
    home, write_export, uploads, run_import, tmp_path
):
    before = _counts()
    out = run_import(
        write_export(sample_export()), "--uploads", uploads, "--dry-run", "--report", tmp_path / "r.json"
    )
    assert _counts() == before
    assert _report(tmp_path / "r.json")["posts"]["imported"] == 6
    assert "Nothing was written (dry run)." in out


def test_split_exports_merge_without_duplicates(home, write_export, uploads, run_import, tmp_path):
    first = b.wxr(b.author("ana", "Ana Ortiz"), b.category("news", "News"), b.item(1, "One", creator="ana"))
    second = b.wxr(
        b.author("ana", "Ana Ortiz"),
        b.category("news", "News"),
        b.item(1, "One", creator="ana"),
        b.item(2, "Two", creator="ana", categories=[("category", "news", "News")]),
    )
    archive = tmp_path / "split.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("site-2019.xml", first)
        z.writestr("site-2020.xml", second)
    run_import(archive, write_export(second, "again.xml"), "--report", tmp_path / "r.json")
    kinds = _report(tmp_path / "r.json")
    assert (kinds["authors"]["found"], kinds["topics"]["found"], kinds["posts"]["found"]) == (1, 1, 2)
    assert list(ArticlePage.objects.order_by("title").values_list("title", flat=True)) == ["One", "Two"]
    assert Author.objects.filter(name="Ana Ortiz").count() == 1


def test_exports_of_two_different_sites_are_refused(home, write_export, run_import):
    one = write_export(b.wxr(b.item(1, "One")), "one.xml")
    other = write_export(b.wxr(b.item(2, "Two"), site="https://another.example.com"), "other.xml")
    with pytest.raises(CommandError, match="is an export of https://another.example.com"):
        run_import(one, other)
    assert not ArticlePage.objects.exists()
