"""Generation counters, seen by this process and by the other processes of the machine."""

from django.core.cache import cache

from masthead.core.generation import generation_bump, generation_read


def test_a_bump_changes_the_value_and_only_of_its_name():
    before, other = generation_read("pages"), generation_read("bar")

    generation_bump("pages")

    assert generation_read("pages") != before
    assert generation_read("bar") == other


def test_another_process_sees_the_bump_through_the_stamp_file():
    """Another process has its own local-memory cache: here, the cache emptied after reading."""
    seen = generation_read("pages")
    generation_bump("pages")
    cache.clear()

    assert generation_read("pages") != seen


def test_bumps_in_quick_succession_all_count():
    values = set()
    for _ in range(20):
        generation_bump("pages")
        cache.clear()  # as another process would read it: by the stamp file alone
        values.add(generation_read("pages"))

    assert len(values) == 20
