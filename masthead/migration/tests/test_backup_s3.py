"""Export, backup and restore with media in an S3 bucket (moto's S3 server, root conftest): the
export reads the files from the bucket, a backup leaves them there, and a backup of a site on
local files restored into a site on S3 puts its files into the bucket."""

import zipfile
from pathlib import Path

import pytest
from django.conf import settings

from masthead.migration.backup.snapshot import backup_create
from masthead.migration.export.service import export_zip
from masthead.migration.tests.test_backup import _restore_cli
from masthead.newsroom.tests.factories import article_make, image_make

pytestmark = [pytest.mark.xdist_group("s3"), pytest.mark.django_db(transaction=True)]


def test_an_export_with_media_carries_the_files_from_the_bucket(s3_media, tmp_path):
    image = image_make()

    export_zip(tmp_path / "export.zip")

    with zipfile.ZipFile(tmp_path / "export.zip") as archive:
        assert archive.read(f"media/{image.file.name}") == s3_media.body(image.file.name)


def test_a_backup_of_a_site_on_s3_leaves_the_media_in_the_bucket(s3_media, tmp_path):
    image_make()

    manifest = backup_create(target=tmp_path / "backup")

    assert manifest.media == "s3"
    assert not (tmp_path / "backup" / "media").exists()


@pytest.fixture
def harbour_story(home):
    return article_make(home=home, title="Harbour dredging starts")


def _local_site_backup(tmp_path: Path) -> tuple[Path, bytes]:
    picture = Path(settings.MEDIA_ROOT) / "original_images" / "dredger.jpg"
    picture.parent.mkdir(parents=True, exist_ok=True)
    picture.write_bytes(b"\xff\xd8 not really a picture " * 100)
    manifest = backup_create(target=tmp_path / "backup")
    assert manifest.media == "files"
    return tmp_path / "backup", picture.read_bytes()


def test_a_local_sites_backup_restored_into_a_site_on_s3_puts_its_media_in_the_bucket(
    harbour_story, tmp_path, empty_site, s3_bucket
):
    env, restored, query = empty_site
    backup, picture = _local_site_backup(tmp_path)

    result = _restore_cli(backup, restored, env | s3_bucket.env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert s3_bucket.body("original_images/dredger.jpg") == picture
    assert "Harbour dredging starts" in query("SELECT title FROM wagtailcore_page")
    assert not (restored / "media").exists()


def test_a_restore_into_a_bucket_that_holds_files_is_refused_and_changes_nothing(
    harbour_story, tmp_path, empty_site, s3_bucket
):
    env, restored, _ = empty_site
    backup, _ = _local_site_backup(tmp_path)
    s3_bucket.client.put_object(Bucket=s3_bucket.name, Key="original_images/theirs.jpg", Body=b"theirs")

    result = _restore_cli(backup, restored, env | s3_bucket.env)

    assert result.returncode != 0
    assert f"the S3 bucket '{s3_bucket.name}' already holds files" in result.stderr
    assert s3_bucket.keys() == ["original_images/theirs.jpg"]
