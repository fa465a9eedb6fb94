"""Which addresses are embeds (a video, a post on a social network) and their canonical form.

Only the address is stored at import; Wagtail fetches the embed when the page is first shown."""

import re
from urllib.parse import parse_qs, urlsplit

PROVIDERS = (
    "youtube.com", "youtu.be", "vimeo.com", "twitter.com", "x.com", "soundcloud.com", "instagram.com",
    "flickr.com", "dailymotion.com", "spotify.com", "tiktok.com", "facebook.com", "mixcloud.com",
    "slideshare.net", "scribd.com", "ted.com", "tumblr.com", "reddit.com", "bsky.app", "mastodon.social",
)  # fmt: skip


def embed_url(text: str) -> str | None:
    """The embed address `text` is, when it is nothing but one address of a known provider."""
    text = text.strip()
    if not re.fullmatch(r"https?://\S+", text):
        return None
    host = (urlsplit(text).hostname or "").lower()
    if not any(host == p or host.endswith("." + p) for p in PROVIDERS):
        return None
    return _page_address(text, host)


def _page_address(url: str, host: str) -> str:
    """A player's address (what an <iframe> points at) as the page address oEmbed understands."""
    parts = urlsplit(url)
    if host.endswith("youtube.com") and parts.path.startswith("/embed/"):
        return f"https://www.youtube.com/watch?v={parts.path.split('/')[2]}"
    if host == "player.vimeo.com" and parts.path.startswith("/video/"):
        return f"https://vimeo.com/{parts.path.split('/')[2]}"
    if host.endswith("youtube-nocookie.com"):
        return f"https://www.youtube.com/watch?v={parts.path.rsplit('/', 1)[-1]}"
    if host.endswith("youtube.com") and "v" in parse_qs(parts.query):
        return url.replace("http://", "https://", 1)
    return url
