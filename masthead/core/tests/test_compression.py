"""Which encoding a client gets for its Accept-Encoding header, and streamed answers compressed."""

import gzip
from pathlib import Path

import brotli
import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from masthead.core.compression import CompressionMiddleware, StaticFilesStorage, encoding_choose


@pytest.mark.parametrize(
    ("header", "encoding"),
    [
        ("gzip, deflate, br, zstd", "br"),  # what Chromium sends
        ("gzip, deflate", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("BR; Q=0.5", "br"),
        ("gzip;q=0, br;q=0", None),
        ("*", "br"),
        ("*;q=0, gzip", "gzip"),
        ("identity", None),
        ("", None),
        ("br;q=abc, gzip", "gzip"),
        ("gzip;q=, ;;;,,==", None),
    ],
)
def test_the_encoding_follows_the_clients_preferences(header, encoding):
    assert encoding_choose(header) == encoding


@pytest.mark.parametrize(("accept", "decompress"), [("br", brotli.decompress), ("gzip", gzip.decompress)])
def test_a_streamed_answer_is_compressed_as_it_goes(accept, decompress):
    chunks = [f"line {n} of a long export\n".encode() for n in range(500)]
    middleware = CompressionMiddleware(
        lambda request: StreamingHttpResponse(iter(chunks), content_type="text/csv")
    )

    response = middleware(RequestFactory().get("/export.csv", HTTP_ACCEPT_ENCODING=accept))

    assert response["Content-Encoding"] == accept
    assert decompress(b"".join(response.streaming_content)) == b"".join(chunks)


def test_images_and_short_answers_go_out_as_they_are():
    picture = CompressionMiddleware(lambda request: HttpResponse(b"\x89PNG" * 500, content_type="image/png"))
    short = CompressionMiddleware(lambda request: HttpResponse(b"ok", content_type="text/plain"))
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING="br, gzip")
    assert "Content-Encoding" not in picture(request)
    assert "Content-Encoding" not in short(request)


def test_static_files_get_brotli_and_gzip_copies_at_collectstatic(tmp_path):
    script = tmp_path / "app.js"
    script.write_bytes(b"function greet(name) { return 'Hello, ' + name; }\n" * 400)

    written = StaticFilesStorage(location=tmp_path).create_compressor(quiet=True).compress(str(script))

    assert sorted(Path(name).suffix for name in written) == [".br", ".gz"]
    assert brotli.decompress((tmp_path / "app.js.br").read_bytes()) == script.read_bytes()
    assert gzip.decompress((tmp_path / "app.js.gz").read_bytes()) == script.read_bytes()
