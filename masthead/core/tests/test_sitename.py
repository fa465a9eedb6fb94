from django.test import override_settings
from django.utils import translation

from masthead.core.sitename import site_name


@override_settings(SITE_NAME="The Riverside Ledger", SITE_NAMES={"ar": "ريفرسايد ليدجر"})
def test_each_edition_has_its_name_and_others_fall_back_to_the_default():
    with translation.override("ar"):
        assert site_name() == "ريفرسايد ليدجر"
    with translation.override("en"):
        assert site_name() == "The Riverside Ledger"
    assert site_name("fr") == "The Riverside Ledger"
