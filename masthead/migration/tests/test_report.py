"""The report accounts for every item, prints a summary and writes JSON."""

import json

from masthead.migration.report import Report


def test_an_item_found_and_given_an_outcome_is_accounted_for():
    report = Report(source="wordpress", files=["site.xml"])
    report.found("posts", 4)
    report.imported("posts", 2)
    report.unchanged("posts")
    report.skipped("posts", "trash")
    assert report.unaccounted() == {}
    assert "posts: 4 found, 2 imported, 0 updated, 1 unchanged, 1 skipped (trash 1)" in report.summary()


def test_an_item_without_outcome_is_reported_unaccounted():
    report = Report(source="wordpress")
    report.found("pages", 3)
    report.imported("pages", 2)
    assert report.unaccounted() == {"pages": 1}
    assert "UNACCOUNTED: pages: 1" in report.summary()


def test_json_carries_counts_reasons_and_lines(tmp_path):
    report = Report(source="wordpress", files=["a.xml"], dry_run=True)
    report.found("attachments", 2)
    report.imported("attachments")
    report.skipped("attachments", "file missing")
    report.unknown_markup("[poll]")
    report.unknown_markup("[poll]")
    report.media_missing(file="2019/05/photo.jpg", wanted_by="attachment 12")
    report.repaired(file="a.xml", position="line 9", what="removed U+0000 (not allowed in XML)")
    report.conflict(kind="posts", source_id="7", title="Flood", detail="edited in Masthead since the import")
    path = tmp_path / "report.json"
    report.write_json(path)
    data = json.loads(path.read_text())
    assert data["accounted"] is True and data["dry_run"] is True
    assert data["kinds"]["attachments"] == {
        "found": 2,
        "imported": 1,
        "updated": 0,
        "unchanged": 0,
        "skipped": 1,
        "skipped_reasons": {"file missing": 1},
    }
    assert data["unknown_markup"] == {"[poll]": 2}
    assert data["missing_media"] == [{"file": "2019/05/photo.jpg", "wanted_by": "attachment 12"}]
    assert data["repairs"][0]["position"] == "line 9"
    assert data["conflicts"][0]["source_id"] == "7"
    summary = report.summary()
    assert "[poll] ×2" in summary and "Nothing was written (dry run)." in summary
