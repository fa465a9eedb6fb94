"""The shared import command: one transaction, dry run rolls back, exit status, JSON report."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.management.base import CommandError

from masthead.migration.command import EXIT_UNACCOUNTED, ImportCommand
from masthead.migration.errors import SourceError


class GroupsCommand(ImportCommand):
    """A stand-in source: each "file" name becomes a group; "bad" fails half-way."""

    source = "wordpress"

    def add_source_arguments(self, parser):
        parser.add_argument("files", nargs="+")

    def run(self, *, report, progress, files, **options):
        for name in files:
            report.found("groups")
            if name == "bad":
                raise SourceError("cannot be read", file=name, position="line 3")
            if name == "lost":
                continue
            Group.objects.create(name=name)
            report.imported("groups")
            progress.advance()


def _made():
    return Group.objects.filter(name__in=["one", "two", "lost"])  # Wagtail's own groups aside


def _call(*args):
    command = GroupsCommand()
    parser = command.create_parser("masthead", "import_test")
    options = vars(parser.parse_args(list(args)))
    return command.execute(**options)


@pytest.mark.django_db
def test_a_run_writes_and_prints_the_summary(capsys):
    _call("one", "two")
    assert sorted(_made().values_list("name", flat=True)) == ["one", "two"]
    assert "groups: 2 found, 2 imported" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_dry_run_does_the_work_and_writes_nothing(capsys, tmp_path):
    _call("one", "--dry-run", "--report", str(tmp_path / "r.json"))
    assert not _made().exists()
    assert "Nothing was written (dry run)." in capsys.readouterr().out
    assert json.loads((tmp_path / "r.json").read_text())["kinds"]["groups"]["imported"] == 1


@pytest.mark.django_db
def test_a_failure_half_way_rolls_back_everything():
    with pytest.raises(CommandError) as error:
        _call("one", "bad")
    assert str(error.value) == "bad, line 3: cannot be read (nothing was imported)"
    assert not _made().exists()


@pytest.mark.django_db
def test_an_item_left_unaccounted_makes_the_command_fail():
    with pytest.raises(CommandError) as error:
        _call("one", "lost")
    assert error.value.returncode == EXIT_UNACCOUNTED
