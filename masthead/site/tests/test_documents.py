"""Documents of a login-restricted collection reach only logged-in readers: the file is never
served from /media/documents/, however its address is spelled, and Wagtail's document view
checks the collection's privacy. Fetched from outside, over HTTP, from the site's own WSGI
application (pytest-django's live server would answer /media/ itself, before the site)."""

import http.client
import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

SECRET = b"%PDF-1.4 the settlement terms"


@pytest.fixture
def private_document(transactional_db):
    legal = Collection.get_first_root_node().add_child(name="Legal")
    CollectionViewRestriction.objects.create(
        collection=legal, restriction_type=CollectionViewRestriction.LOGIN
    )
    return get_document_model().objects.create(
        title="Settlement", file=ContentFile(SECRET, name="settlement.pdf"), collection=legal
    )


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def site_server(transactional_db):
    """The site's WSGI application (what `masthead run` serves) on a free port of 127.0.0.1."""
    from django.core.wsgi import get_wsgi_application

    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _get(port: int, path: str, headers=None) -> http.client.HTTPResponse:
    """A raw request: the path goes out exactly as written ("..", "//" and all)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def test_the_file_of_a_private_document_is_not_served_from_media(site_server, private_document):
    name = private_document.file.name  # documents/settlement.pdf (or with a suffix)
    for path in (
        f"/media/{name}",
        f"/media//{name}",
        f"/media/./{name}",
        f"/media/images/../{name}",
        f"/media/images/%2e%2e/{name}",
        f"/media/{name.replace('documents', 'documents/.')}",
    ):
        response = _get(site_server, path)
        assert response.status in (400, 404), (path, response.status)
        assert SECRET not in response.body, path


def test_wagtails_view_asks_a_stranger_to_log_in(site_server, private_document):
    response = _get(site_server, private_document.url)

    assert response.status == 302
    assert "/login" in response.getheader("Location")
    assert SECRET not in response.body


def test_a_logged_in_reader_gets_the_document(client, private_document, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", "r@example.org", "pw"))

    response = client.get(private_document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SECRET


def test_images_are_still_served_from_media(site_server, settings):
    from pathlib import Path

    folder = Path(settings.MEDIA_ROOT) / "images"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "river.txt").write_bytes(b"a rendition")

    response = _get(site_server, "/media/images/river.txt")

    assert response.status == 200 and response.body == b"a rendition"
