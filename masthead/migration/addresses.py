"""Old addresses compared the way people mean them: scheme, host, query and trailing slash aside."""

from urllib.parse import parse_qs, urlsplit


def site_key(url: str) -> str:
    """The key a source site is recorded under: host and path, lower-cased host, no scheme, no
    trailing slash ("https://Example.org/news/" → "example.org/news"). http and https exports of
    one site, and a catch-up export after the move to https, land on the same key."""
    parts = urlsplit(url.strip() if "//" in url else f"//{url.strip()}")
    return (
        f"{parts.hostname or ''}{parts.path.rstrip('/')}".lower() if parts.hostname else url.strip().lower()
    )


def path_key(url: str) -> str:
    """The path of an old address, for matching: "/2019/05/story" for every spelling of it, and
    "?p=123" for a WordPress short link (its post id is all it says)."""
    parts = urlsplit(url.strip())
    post_id = parse_qs(parts.query).get("p", [""])[0]
    if post_id.isdigit() and parts.path.rstrip("/") in ("", "/index.php"):
        return f"?p={post_id}"
    return parts.path.rstrip("/") or "/"
