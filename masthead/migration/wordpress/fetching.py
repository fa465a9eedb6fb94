"""Fetching the old site's files (--fetch-media): a few at a time, each with a timeout and a cap."""

import urllib.request
from concurrent.futures import ThreadPoolExecutor

TIMEOUT_SECONDS = 20
MAX_BYTES = 50 * 1024 * 1024
AT_A_TIME = 4


class FetchFailed(Exception):
    pass


def fetch_one(url: str) -> bytes:
    if not url.startswith(("http://", "https://")):
        raise FetchFailed("not a web address")
    request = urllib.request.Request(url, headers={"User-Agent": "Masthead importer"})  # noqa: S310 - http(s) only
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - http(s) only
            data = response.read(MAX_BYTES + 1)
    except OSError as error:  # URLError, timeouts, refused connections
        raise FetchFailed(str(getattr(error, "reason", error))) from error
    if len(data) > MAX_BYTES:
        raise FetchFailed(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    return data


def fetch_many(urls: list[str]) -> dict[str, bytes | FetchFailed]:
    """Each address's bytes, or why not; AT_A_TIME requests run together."""

    def attempt(url: str) -> bytes | FetchFailed:
        try:
            return fetch_one(url)
        except FetchFailed as error:
            return error

    with ThreadPoolExecutor(max_workers=AT_A_TIME) as pool:
        return dict(zip(urls, pool.map(attempt, urls), strict=True))
