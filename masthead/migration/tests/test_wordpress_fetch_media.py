"""--fetch-media: files come from the old site's addresses (here a local server on a free port)."""

import json
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from masthead.newsroom.models import ArticlePage, NewsImage

from . import wxr_builder as b


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def old_site(uploads):
    """The uploads folder served over HTTP, as the old site's wp-content/uploads."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(uploads)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_pictures_are_fetched_and_a_missing_one_is_reported(
    home, write_export, run_import, old_site, tmp_path
):
    def attachment(post_id, title, path):
        meta = {"_wp_attached_file": path}
        return b.item(
            post_id,
            title,
            post_type="attachment",
            status="inherit",
            attachment_url=f"{old_site}/{path}",
            meta=meta,
        )

    text = b.wxr(
        attachment(101, "River", "2019/05/river.jpg"),
        attachment(102, "Gone", "2019/05/gone.jpg"),
        b.item(7, "Story", "<p>Text</p>", meta={"_thumbnail_id": "101"}),
    )
    run_import(write_export(text), "--fetch-media", "--report", tmp_path / "r.json")
    assert (ArticlePage.objects.get().lead_image.width, NewsImage.objects.get(title="River").height) == (
        1200,
        800,
    )
    missing = json.loads((tmp_path / "r.json").read_text())["missing_media"]
    assert missing == [
        {"file": "2019/05/gone.jpg", "wanted_by": "attachment 102: could not be fetched (File not found)"}
    ]
