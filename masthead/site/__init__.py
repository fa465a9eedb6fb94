"""The composition root: settings, URLs, the API, setup, the `masthead` command and its runner.

The one package allowed to import every app; nothing imports it but Django (through its settings)
and the console script.
"""
