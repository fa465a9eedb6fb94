"""Compressed answers: brotli for clients that accept it, gzip for the others, raw otherwise.

One choice of encoding (``encoding_choose``) serves the middleware, which compresses answers
rendered per request, and the page cache, which keeps each page compressed once per encoding.
Static files are compressed once, at collectstatic, by WhiteNoise (``StaticFilesStorage``).
"""

from collections.abc import Callable, Iterable, Iterator
from typing import cast

import brotli
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_sequence, compress_string
from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

# Preferred first: brotli makes the 66 KB article about a third smaller than gzip does.
ENCODINGS = ("br", "gzip")
# Quality 5 costs about what gzip -6 costs (about 1 ms for 80 KB of comment HTML) and gives a
# smaller body; 11 would be a quarter smaller again, but at about 80 ms per page.
BROTLI_QUALITY = 5
# Answers shorter than this gain nothing from compression (Django's GZipMiddleware agrees).
MIN_BYTES = 200
# Django's gzip pads with up to this many random bytes (a BREACH mitigation for secrets echoed
# in a page); brotli has no such field, and the only secret pages carry (the admin's CSRF token)
# is masked per request anyway.
_MAX_RANDOM_BYTES = 100
_COMPRESSIBLE = ("text/", "application/json", "application/javascript", "application/xml")


def encoding_choose(accept_encoding: str) -> str | None:
    """The encoding to answer with for this Accept-Encoding header: "br", "gzip" or None (raw).

    Understands q-values (``br;q=0`` refuses brotli) and ``*``; anything malformed counts as
    not accepted, never as an error.
    """
    weights: dict[str, float] = {}
    for item in accept_encoding.lower().split(",")[:50]:
        name, _, params = item.partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[name.strip()] = weight
    wildcard = weights.get("*", 0.0)
    for encoding in ENCODINGS:
        if weights.get(encoding, wildcard) > 0:
            return encoding
    return None


def body_compress(body: bytes, *, encoding: str) -> bytes:
    if encoding == "br":
        compressed: bytes = brotli.compress(body, quality=BROTLI_QUALITY)
        return compressed
    return compress_string(body, max_random_bytes=_MAX_RANDOM_BYTES)


class _StaticCompressor(Compressor):  # type: ignore[misc]
    @staticmethod
    def compress_brotli(data: bytes) -> bytes:
        compressed: bytes = brotli.compress(data, quality=BROTLI_QUALITY)
        return compressed


class StaticFilesStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]
    """WhiteNoise's storage, whose brotli copies (.br beside .gz) are made at our quality: at its
    default, 11, collectstatic spent minutes on the admin's 26 MB of scripts on a loaded 2-core
    machine (121 s for 20 MB), and every first start waits for it; 5 takes less time than gzip -9
    and still gives smaller files (25% of the original size against gzip's 27%)."""

    def create_compressor(self, **kwargs: object) -> Compressor:
        return _StaticCompressor(**kwargs)


def _is_compressible(response: HttpResponseBase) -> bool:
    content_type = response.get("Content-Type", "").lower()
    return content_type.startswith(_COMPRESSIBLE) or "+xml" in content_type or "+json" in content_type


def _brotli_stream(chunks: Iterable[bytes]) -> Iterator[bytes]:
    compressor = brotli.Compressor(quality=BROTLI_QUALITY)
    for chunk in chunks:
        if out := compressor.process(chunk):
            yield out
    yield compressor.finish()


class CompressionMiddleware:
    """Compresses what the page cache did not compress already (pages rendered per request,
    JSON, feeds), with the encoding the client prefers among those we offer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if response.has_header("Content-Encoding") or not _is_compressible(response):
            return response
        if isinstance(response, StreamingHttpResponse) and response.is_async:  # none here: left as is
            return response
        if isinstance(response, HttpResponse) and len(response.content) < MIN_BYTES:
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        encoding = encoding_choose(request.headers.get("Accept-Encoding", ""))
        if encoding is None:
            return response
        if isinstance(response, StreamingHttpResponse):
            chunks = cast(Iterator[bytes], response.streaming_content)  # async ones were left above
            response.streaming_content = (
                _brotli_stream(chunks)
                if encoding == "br"
                else compress_sequence(chunks, max_random_bytes=_MAX_RANDOM_BYTES)
            )
            response.headers.pop("Content-Length", None)
        elif isinstance(response, HttpResponse):
            compressed = body_compress(response.content, encoding=encoding)
            if len(compressed) >= len(response.content):
                return response
            response.content = compressed
            response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):  # the same ETag now names other bytes: weak (RFC 9110 8.8.1)
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = encoding
        return response
