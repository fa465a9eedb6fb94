from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "masthead.funding"
    label = "funding"
