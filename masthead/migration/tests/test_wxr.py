"""Reading exports: every WXR version and namespace, zips, repairs, and input that is not one."""

import zipfile

import pytest

from masthead.migration.errors import SourceError
from masthead.migration.report import Report
from masthead.migration.wordpress.wxr import Record, Site, wxr_records

from . import wxr_builder as b


def _read(path):
    report = Report(source="wordpress")
    return list(wxr_records(path, report=report)), report


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
@pytest.mark.parametrize("https", [False, True])
def test_every_version_and_namespace_reads_the_same(tmp_path, version, https):
    path = tmp_path / "export.xml"
    text = b.wxr(
        b.author("ana", "Ana Ortiz"),
        b.category("floods", "Floods"),
        b.item(
            7,
            "The river rises",
            "<p>Water.</p>",
            creator="ana",
            excerpt="Short",
            categories=[("category", "floods", "Floods")],
            meta={"_thumbnail_id": "12"},
            comments=[b.comment(3, "Stay safe", meta={"wpdiscuz_votes": "2"})],
        ),
        version=version,
        https=https,
    )
    path.write_text(text)
    records, _ = _read(path)
    site, author, cat, item = records
    assert isinstance(site, Site) and site.wxr_version == version and site.url == "https://old.example.org"
    assert author.tag == "wp:author" and author.get("wp:author_login") == "ana"
    assert cat.get("wp:category_nicename") == "floods"
    assert isinstance(item, Record) and item.get("wp:post_id") == "7"
    assert item.get("content:encoded") == "<p>Water.</p>" and item.get("excerpt:encoded") == "Short"
    assert item.categories == [{"domain": "category", "nicename": "floods", "name": "Floods"}]
    assert item.meta == {"_thumbnail_id": "12"}
    assert item.comments[0]["wp:comment_content"] == "Stay safe"
    assert item.comments[0]["meta"] == {"wpdiscuz_votes": "2"}


def test_illegal_characters_are_removed_and_each_is_a_report_line(tmp_path):
    path = tmp_path / "export.xml"
    text = b.wxr(b.item(7, "Bad\x0bchars", "a\x00b", meta={"k": "v&#1;"}))
    path.write_bytes(text.encode())
    records, report = _read(path)
    item = records[1]
    assert item.get("title") == "Badchars" and item.get("content:encoded") == "ab"
    assert item.meta == {"k": "v"}
    whats = sorted(r["what"] for r in report.repairs)
    assert whats == [
        "removed &#1; (not allowed in XML)",
        "removed U+0000 (not allowed in XML)",
        "removed U+000B (not allowed in XML)",
    ]
    assert all(r["position"].startswith("line ") and r["file"] == str(path) for r in report.repairs)


def test_a_zip_of_split_exports_is_read_member_by_member(tmp_path):
    path = tmp_path / "exports.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("part-1.xml", b.wxr(b.item(1, "One")))
        archive.writestr("part-2.xml", b.wxr(b.item(2, "Two")))
        archive.writestr("readme.txt", "not an export")
    records, _ = _read(path)
    assert [r.get("wp:post_id") for r in records if isinstance(r, Record)] == ["1", "2"]
    assert [r.file for r in records if isinstance(r, Site)] == [f"{path}:part-1.xml", f"{path}:part-2.xml"]


def test_a_file_that_is_not_an_export_is_named_with_its_line(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body>hello</body></html>")
    with pytest.raises(SourceError) as error:
        _read(path)
    assert str(error.value) == f"{path}, line 1: not a WordPress export (it starts with <html>, not <rss>)"


def test_an_rss_feed_is_not_an_export(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(
        '<rss version="2.0"><channel><title>x</title><item><title>a</title></item></channel></rss>'
    )
    with pytest.raises(SourceError, match="no <wp:wxr_version>"):
        _read(path)


def test_a_truncated_export_says_where_it_stops(tmp_path):
    path = tmp_path / "export.xml"
    text = b.wxr(b.item(1, "One", "<p>first</p>"), b.item(2, "Two"))
    path.write_text(text[: text.index("<title>Two")])
    with pytest.raises(SourceError) as error:
        _read(path)
    message = str(error.value)
    assert message.startswith(f"{path}, line ") and "column" in message


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(SourceError, match="cannot be read"):
        _read(tmp_path / "nope.xml")
