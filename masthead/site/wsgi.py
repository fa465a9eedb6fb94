"""The WSGI entry point the production server loads."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.site.settings")
application = get_wsgi_application()
