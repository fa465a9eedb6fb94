"""`masthead import SOURCE …` reaches the management command import_SOURCE."""

import pytest

from masthead.site.cli import main


@pytest.mark.django_db
def test_an_unknown_source_is_refused_with_the_known_ones(capsys):
    assert main(["import", "joomla", "site.xml"]) == 2
    assert "unknown source 'joomla'" in capsys.readouterr().err
