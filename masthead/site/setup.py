"""First-run and every-run preparation of a site: migrations, static files, root page, admin."""

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils.module_loading import import_string

import masthead

DEMO_LOADERS = [
    "masthead.newsroom.demo.load",
    "masthead.newsroom.demo_ar.load",
    "masthead.funding.demo.load",
    "masthead.comments.demo.load",
    "masthead.comments.demo_ar.load",
    "masthead.inline.demo.load",
    # Later apps add their demo parts here, in order (comments, inline feedback, campaign…).
]


@dataclass(frozen=True)
class AdminLogin:
    username: str
    password_hint: str


def site_prepare(*, demo: bool) -> None:
    call_command("migrate", interactive=False, verbosity=0)
    _collect_static()
    from masthead.newsroom.services import home_ensure

    # One transaction: a demo load that fails half-way leaves no home page behind, so the next
    # start loads the demo again instead of serving half of it.
    with transaction.atomic():
        home, created = home_ensure(title=settings.SITE_NAME)
        if demo and created:
            demo_load(home=home)


def demo_load(*, home) -> None:
    """Loads the demo newsroom: each app's loader adds its part."""
    for dotted in DEMO_LOADERS:
        import_string(dotted)(home=home)


def admin_ensure() -> AdminLogin:
    """The first superuser `admin`: password from the environment, else generated and kept."""
    User = get_user_model()
    password_file = Path(settings.DATA_DIR) / "admin-password"
    if User.objects.filter(username="admin").exists():
        # Never again on later starts: service logs (the journal) are read by more people than
        # the data dir, and they keep every line.
        where = f"kept in {password_file}" if password_file.exists() else "as set before"
        return AdminLogin("admin", f"password: ({where})")
    password = os.environ.get("MASTHEAD_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
    email = os.environ.get("MASTHEAD_ADMIN_EMAIL", f"admin@{settings.ALLOWED_HOSTS[0]}")
    with transaction.atomic():
        User.objects.create_superuser("admin", email, password)
    if not os.environ.get("MASTHEAD_ADMIN_PASSWORD"):
        fd = os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(password)
    return AdminLogin("admin", f"password: {password}")


def _collect_static() -> None:
    """collectstatic takes seconds; run it only when the code's static files may have changed."""
    stamp_file = Path(settings.STATIC_ROOT) / ".masthead-stamp"
    stamp = _static_stamp()
    if stamp_file.exists() and stamp_file.read_text() == stamp:
        return
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp_file.write_text(stamp)
    _make_public(Path(settings.STATIC_ROOT))


def _make_public(folder: Path) -> None:
    """Static files are public by nature and nginx (another user) serves them from the data dir,
    whose other files the owner-only umask keeps private; WhiteNoise writes its compressed copies
    with plain open(), so the storage's permission options alone would miss them."""
    folder.chmod(0o755)
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)


def _static_stamp() -> str:
    import django
    import wagtail

    digest = hashlib.sha256(f"{masthead.__file__}|{django.__version__}|{wagtail.__version__}".encode())
    for path in sorted(Path(settings.PACKAGE_DIR).rglob("static/**/*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()
