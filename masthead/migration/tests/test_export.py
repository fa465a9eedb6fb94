"""`masthead export`: the demo newsroom out as JSON that validates against the documented schema,
section by section, and the same JSON again after a backup is restored elsewhere."""

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from masthead.comments.models import Comment
from masthead.funding.models import Gift
from masthead.migration.backup.snapshot import backup_create
from masthead.migration.export.service import export_json
from masthead.newsroom.models import ArticlePage

ROOT = Path(__file__).resolve().parents[3]
SCHEMA = json.loads((ROOT / "docs" / "export.schema.json").read_text())


def _export(**options) -> dict:
    out = io.StringIO()
    export_json(out, **options)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_the_demo_newsroom_exports_as_documented(newsroom):
    document = _export()

    jsonschema.validate(document, SCHEMA)
    assert len(document["pages"]) == ArticlePage.objects.count()
    assert len(document["comments"]) == Comment.objects.count()
    assert len(document["gifts"]) == Gift.objects.count()
    discussed = Comment.objects.filter(parent__isnull=False).select_related("page").first()
    exported = {c["id"]: c for c in document["comments"]}
    reply = exported[discussed.pk]
    assert reply["parent"] == discussed.parent_id
    assert exported[reply["parent"]]["page"] == discussed.page_id
    article = ArticlePage.objects.live().exclude(body=[]).first()
    record = next(page for page in document["pages"] if page["id"] == article.pk)
    assert record["title"] == article.title
    first_paragraph = next(block for block in record["body"] if block["type"] == "paragraph")
    assert first_paragraph["value"][:40] in record["html"]
    assert record["authors"] == [byline.author_id for byline in article.bylines.all()]
    assert record["revisions"], "revision dates are kept"


@pytest.mark.django_db
def test_an_edition_exports_only_its_language(newsroom):
    document = _export(language="ar")
    assert document["pages"]
    assert {page["language"] for page in document["pages"]} == {"ar"}
    assert {topic["language"] for topic in document["topics"]} == {"ar"}


@pytest.mark.django_db
def test_an_unknown_edition_is_a_clear_error(newsroom):
    with pytest.raises(CommandError, match="unknown edition 'xx'"):
        call_command("export", "--edition", "xx")


@pytest.mark.django_db
def test_with_media_writes_a_zip_with_the_files(newsroom, tmp_path):
    call_command("export", "--with-media", "--output", str(tmp_path / "site.zip"))
    with zipfile.ZipFile(tmp_path / "site.zip") as archive:
        document = json.loads(archive.read("export.json"))
        names = set(archive.namelist())
    jsonschema.validate(document, SCHEMA)
    assert document["images"]
    assert {f"media/{image['file']}" for image in document["images"]} <= names


def _comparable(document: dict) -> dict:
    return {key: value for key, value in document.items() if key not in ("exported_at",)}


@pytest.mark.django_db(transaction=True)
def test_restore_then_export_gives_the_same_json(newsroom, tmp_path, empty_site):
    env, restored, _query = empty_site
    before = _export()
    backup_create(target=tmp_path / "backup")
    run = [sys.executable, "-m", "masthead.site.cli"]
    restore = subprocess.run(
        [*run, "restore", "--data", str(restored), str(tmp_path / "backup")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert restore.returncode == 0, restore.stderr
    env = env | {
        "MASTHEAD_SITE_NAME": before["site"]["name"],
        "MASTHEAD_BASE_URL": before["site"]["base_url"],
    }
    exported = subprocess.run(
        [*run, "export", "--data", str(restored)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert exported.returncode == 0, exported.stderr
    assert _comparable(json.loads(exported.stdout)) == _comparable(before)
