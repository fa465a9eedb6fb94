"""Media in an S3-compatible bucket (moto's S3 server, root conftest): what an editor uploads
lands in the bucket; readers get images from the bucket, and documents only through Masthead's
view, which checks their collection's privacy."""

import io
import mimetypes
import re
import urllib.error
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from masthead.newsroom.models import NewsImage
from masthead.newsroom.services import home_ensure
from masthead.newsroom.tests.factories import article_make, picture_bytes

SECRET = b"%PDF-1.4 the settlement terms"
HARBOUR = {"title": "Harbour at dusk", "caption": "The harbour at dusk", "credit": "Ledger staff"}
pytestmark = pytest.mark.xdist_group("s3")  # one moto server for these modules, on one worker


def _anonymous_get(url: str) -> tuple[int, bytes]:
    """What a reader's browser gets at `url`: no keys, no signature."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a local test server
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _upload(client, view: str, *, name: str, content: bytes, collection: Collection, **fields) -> None:
    """What an editor does in the admin's upload form for images or documents."""
    file = SimpleUploadedFile(name, content, content_type=mimetypes.guess_type(name)[0])
    response = client.post(reverse(view), {"file": file, "collection": collection.pk, **fields})
    assert response.status_code == 302, response.content.decode()[:2000]


def test_an_editors_image_lands_in_the_bucket_and_the_article_shows_it_from_there(s3_media, client, editor):
    original = picture_bytes(color=(200, 90, 30))
    client.force_login(editor)
    root = Collection.get_first_root_node()
    _upload(client, "wagtailimages:add", name="harbour.jpg", content=original, collection=root, **HARBOUR)
    image = NewsImage.objects.get(title=HARBOUR["title"])
    assert s3_media.body(image.file.name) == original
    home, _ = home_ensure(title="The Riverside Ledger")
    article = article_make(home=home, title="Night falls on the harbour", lead_image=image)

    html = client.get(article.url).content.decode()

    sources = re.findall(r'<img [^>]*src="([^"]+)"', html)
    from_bucket = [src for src in sources if src.startswith(f"{s3_media.endpoint}/{s3_media.name}/images/")]
    assert from_bucket, sources
    assert "/media/" not in html
    status, body = _anonymous_get(from_bucket[0])
    assert status == 200
    assert PILImage.open(io.BytesIO(body)).width < 1600  # a rendition, made from the bucket's original
    assert from_bucket[0].removeprefix(f"{s3_media.endpoint}/{s3_media.name}/") in s3_media.keys("images/")


def test_two_images_uploaded_with_one_name_keep_their_own_files(s3_media, db):
    dark = NewsImage(title="One", file=SimpleUploadedFile("photo.jpg", picture_bytes(color=(10, 10, 10))))
    dark.save()
    red = NewsImage(title="Two", file=SimpleUploadedFile("photo.jpg", picture_bytes(color=(200, 9, 9))))
    red.save()

    assert dark.file.name != red.file.name
    with dark.open_file() as f:  # django-storages' default would have replaced it by the red one
        assert PILImage.open(f).getpixel((0, 0))[0] < 40
    with red.open_file() as f:
        assert PILImage.open(f).getpixel((0, 0))[0] > 150


@pytest.fixture
def private_document(s3_media, client, editor):
    """A document an editor uploaded into a collection that only logged-in readers may see."""
    legal = Collection.get_first_root_node().add_child(name="Legal")
    CollectionViewRestriction.objects.create(
        collection=legal, restriction_type=CollectionViewRestriction.LOGIN
    )
    client.force_login(editor)
    _upload(
        client, "wagtaildocs:add", name="settlement.pdf", content=SECRET, collection=legal, title="Settlement"
    )
    client.logout()
    return get_document_model().objects.get(title="Settlement")


def test_a_private_document_is_in_the_bucket_and_readable_from_there_by_the_site_alone(
    private_document, s3_media
):
    assert private_document.file.name.startswith("documents/")
    assert s3_media.body(private_document.file.name) == SECRET
    grants = s3_media.client.get_object_acl(Bucket=s3_media.name, Key=private_document.file.name)["Grants"]
    assert [(g["Grantee"]["Type"], g["Permission"]) for g in grants] == [("CanonicalUser", "FULL_CONTROL")]
    assert private_document.url.startswith("/documents/")  # readers are sent to Masthead's view


def test_a_stranger_asking_for_a_private_document_is_asked_to_log_in(private_document, client):
    response = client.get(private_document.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/")  # to the login page, never to the bucket
    assert "/login" in response["Location"]


def test_a_logged_in_reader_gets_the_document_streamed_from_the_bucket(
    private_document, client, django_user_model
):
    client.force_login(django_user_model.objects.create_user("reader", "reader@example.org", "pw"))

    response = client.get(private_document.url)

    assert response.status_code == 200  # streamed by Masthead, not a redirect to the bucket
    assert b"".join(response.streaming_content) == SECRET
