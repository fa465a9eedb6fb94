"""Avatars of admin users drawn here, from their initials: the admin asks no third party (Gravatar)."""

import hashlib

from django.contrib.auth.models import AbstractUser
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import escape

# Background colours, each dark enough for white letters (contrast above 4.5:1).
COLOURS = ("#1d4e89", "#7a2e8e", "#0f6b5c", "#8a3b12", "#4b5563", "#9b1c31", "#2f5d1e", "#5b3a8c")

_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">'
    '<rect width="64" height="64" fill="{colour}"/>'
    '<text x="32" y="32" dy=".35em" text-anchor="middle" fill="#fff" '
    'font-family="system-ui, sans-serif" font-size="{size}">{letters}</text></svg>'
)


def user_initials(user: AbstractUser) -> str:
    """Up to two letters: of the first and last name, else of the username."""
    names = [n for n in (user.first_name, user.last_name) if n and n.strip()]
    if not names:
        names = [user.get_username() or "?"]
    letters = "".join(n.strip()[0] for n in names)[:2]
    return letters.upper() if letters.isalnum() else "?"


def colour_index(user: AbstractUser) -> int:
    return hashlib.blake2s(str(user.pk).encode(), digest_size=2).digest()[0] % len(COLOURS)


def avatar_url(user: AbstractUser, size: int) -> str | None:
    """The get_avatar_url hook: an uploaded avatar wins (None lets Wagtail show it)."""
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.avatar:
        return None
    return reverse("masthead_avatar", args=[f"{user_initials(user)}-{colour_index(user)}"])


def avatar_svg(request: HttpRequest, key: str) -> HttpResponse:
    """The picture: its address holds everything drawn, so it needs no query and caches well."""
    letters, _, colour = key.rpartition("-")
    if not (0 < len(letters) <= 2 and (letters.isalnum() or letters == "?")) or not colour.isdigit():
        raise Http404
    svg = _SVG.format(
        colour=COLOURS[int(colour) % len(COLOURS)],
        size=26 if len(letters) == 2 else 32,
        letters=escape(letters),
    )
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=86400"
    return response
