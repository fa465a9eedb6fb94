"""Input that cannot be imported: a clear message naming the file and where, nothing written."""

import pytest
from django.core.management.base import CommandError

from masthead.migration.models import ImportedObject
from masthead.newsroom.models import ArticlePage, Author

from . import wxr_builder as b


def _nothing_written():
    return (
        not ArticlePage.objects.exists()
        and not Author.objects.exists()
        and not ImportedObject.objects.exists()
    )


def test_a_file_that_is_not_an_export(home, write_export, run_import):
    path = write_export("name,email\nana,ana@example.org\n", "people.csv")
    with pytest.raises(CommandError) as error:
        run_import(path)
    assert str(path) in str(error.value) and "line 1" in str(error.value)


def test_a_truncated_export_writes_nothing(home, write_export, run_import):
    text = b.wxr(
        b.author("ana", "Ana Ortiz"), b.item(1, "One", creator="ana"), b.item(2, "Two", creator="ana")
    )
    path = write_export(text[: text.index("<title>Two")])
    with pytest.raises(CommandError) as error:
        run_import(path)
    message = str(error.value)
    assert message.startswith(f"{path}, line ") and message.endswith("(nothing was imported)")
    assert _nothing_written()


def test_an_unreadable_uploads_folder(home, write_export, run_import, tmp_path):
    path = write_export(b.wxr(b.author("ana", "Ana Ortiz")))
    with pytest.raises(CommandError, match="the uploads folder does not exist"):
        run_import(path, "--uploads", tmp_path / "nowhere")
    assert _nothing_written()


def test_illegal_characters_are_repaired_and_reported(home, write_export, run_import):
    path = write_export(b.wxr(b.item(1, "Bell\x07 rings", "<p>Text\x00 here</p>", meta={"note": "a\x1fb"})))
    out = run_import(path)
    assert ArticlePage.objects.get().title == "Bell rings"
    assert "repairs: 3" in out and "removed U+0000 (not allowed in XML)" in out


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
@pytest.mark.parametrize("https", [False, True])
def test_every_version_and_namespace_imports(home, write_export, run_import, version, https):
    text = b.wxr(
        b.author("ana", "Ana Ortiz"),
        b.category("news", "News"),
        b.item(
            1, "One", "<p>Body</p>", creator="ana", excerpt="Short", categories=[("category", "news", "News")]
        ),
        version=version,
        https=https,
    )
    run_import(write_export(text))
    story = ArticlePage.objects.get()
    assert (
        story.title,
        story.standfirst,
        [a.name for a in story.authors],
        [t.name for t in story.topics.all()],
    ) == (
        "One",
        "Short",
        ["Ana Ortiz"],
        ["News"],
    )
