"""Uploads served by the embedded site itself: images and their renditions, never documents.

Documents go through Wagtail's document view (/documents/<id>/<name>), which checks the
privacy of the document's collection; a direct /media/documents/ address would skip that check.
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

PRIVATE_FOLDERS = ("documents",)


def media_serve(request, path: str):
    # Normalised the way serve() resolves it, so "images/../documents/x.pdf" is refused too.
    folder = posixpath.normpath(path.replace("\\", "/")).lstrip("/").split("/", 1)[0]
    if folder in PRIVATE_FOLDERS:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
