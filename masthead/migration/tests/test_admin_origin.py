"""Editors find what came from an import: the admin's pages listing filters by origin."""

from masthead.newsroom.tests.factories import article_make

from . import wxr_builder as b


def test_the_pages_listing_filters_by_origin(home, write_export, run_import, editor_client):
    run_import(write_export(b.wxr(b.item(1, "Imported story"))))
    article_make(home=home, title="Typed-in story")
    imported = editor_client.get("/admin/pages_by_origin/?origin=wordpress").content.decode()
    assert "Imported story" in imported and "Typed-in story" not in imported
    typed = editor_client.get("/admin/pages_by_origin/?origin=none").content.decode()
    assert "Typed-in story" in typed and "Imported story" not in typed
    assert "Origin" in editor_client.get("/admin/pages_by_origin/").content.decode()
