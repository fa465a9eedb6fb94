"""Fixtures of the import tests: a newsroom with its home page, an export written to disk, and a
way to run `masthead import wordpress` as an operator would."""

import pytest
from django.core.management import call_command

from masthead.newsroom.services import home_ensure
from masthead.newsroom.tests.factories import picture_bytes


@pytest.fixture
def home(db):
    home, _ = home_ensure(title="The Riverside Ledger")
    return home


@pytest.fixture
def write_export(tmp_path):
    def write(text: str, name: str = "export.xml"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def uploads(tmp_path):
    """A copy of wp-content/uploads with the pictures and the recording the exports name."""
    root = tmp_path / "uploads"
    (root / "2019/05").mkdir(parents=True)
    (root / "2019/05/river.jpg").write_bytes(picture_bytes(width=1200, height=800))
    (root / "2019/05/bridge.jpg").write_bytes(picture_bytes(width=900, height=600, color=(150, 60, 40)))
    (root / "2019/05/interview.mp3").write_bytes(b"ID3" + b"\0" * 64)
    return root


@pytest.fixture
def run_import(capsys):
    def run(*args):
        call_command("import_wordpress", *[str(a) for a in args])
        return capsys.readouterr().out

    return run
