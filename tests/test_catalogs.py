"""The translation catalogs: every string of the source is in the Arabic catalog, translated
(all six plural forms), and the committed .mo files are compiled from the .po files."""

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

pytestmark = pytest.mark.once  # text alone: the same words on any database

PACKAGE = Path(__file__).resolve().parents[1] / "masthead"
LOCALE = PACKAGE / "locale"
DOMAINS = ["django"]


def _catalog(path: Path):
    with path.open("rb") as f:
        return read_po(f)


def _extract(tmp_path: Path, domain: str):
    """The strings the source holds now, extracted by Django's makemessages into a copy."""
    copy = tmp_path / "masthead"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "static"))
    for static in PACKAGE.rglob("static"):  # JavaScript strings live under static/
        if static.is_dir():
            shutil.copytree(static, copy / static.relative_to(PACKAGE), dirs_exist_ok=True)
    (copy / "locale").mkdir()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "ar",
            "-d",
            domain,
            "--ignore",
            "*/tests/*",
            "--no-location",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"DJANGO_SETTINGS_MODULE": "", "PATH": "/usr/bin:/bin"},
    )
    po = copy / "locale" / "ar" / "LC_MESSAGES" / f"{domain}.po"
    return _catalog(po) if po.exists() else None


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_string_of_the_source_is_in_the_arabic_catalog(tmp_path, domain):
    if shutil.which("xgettext") is None:
        pytest.fail("xgettext is missing (apt-get install gettext)")
    extracted = _extract(tmp_path, domain)
    committed = _catalog(LOCALE / "ar" / "LC_MESSAGES" / f"{domain}.po")
    assert extracted is not None, "makemessages extracted nothing"
    missing = sorted(str(m.id) for m in extracted if m.id and m.id not in committed)
    assert missing == [], "run `masthead manage makemessages -a` and translate:\n" + "\n".join(missing)


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_arabic_string_is_translated_with_all_plural_forms(domain):
    catalog = _catalog(LOCALE / "ar" / "LC_MESSAGES" / f"{domain}.po")
    assert catalog.num_plurals == 6
    untranslated = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings) or len(strings) not in (1, 6):
            untranslated.append(message.id if isinstance(message.id, str) else message.id[0])
    assert untranslated == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_compiled_catalog_matches_its_source(domain):
    po = _catalog(LOCALE / "ar" / "LC_MESSAGES" / f"{domain}.po")
    with (LOCALE / "ar" / "LC_MESSAGES" / f"{domain}.mo").open("rb") as f:
        mo = gettext.GNUTranslations(f)
    stale = []
    for message in po:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            got = mo.ngettext(message.id[0], message.id[1], 1)
            expected = message.string[1]
        else:
            got, expected = mo.gettext(message.id), message.string
        if message.context:
            continue  # pgettext entries: checked by the two tests above
        if got != expected:
            stale.append(message.id)
    assert stale == [], "run `masthead manage compilemessages`"
