"""The JSON API (django-ninja); each app adds its router here. OpenAPI at /api/openapi.json."""

from ninja import NinjaAPI

api = NinjaAPI(title="Masthead API", version="1", urls_namespace="api", docs_url="/docs")

# Routers of the apps, one line each:
# api.add_router("/comments/", "masthead.comments.api.router")
api.add_router("/comments/", "masthead.comments.api.router")
api.add_router("/inline/", "masthead.inline.api.router")
