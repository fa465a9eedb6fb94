"""The funding app's URLs: the donate pages, the donor's own page (by a signed link) and Stripe's webhook."""

from django.urls import path, re_path

from . import donor_views, views, webhooks

app_name = "funding"
urlpatterns = [
    path("donate/cancel/<str:token>/", views.cancel, name="cancel"),
    path("donate/<slug:slug>/", views.donate, name="donate"),
    path("donate/<slug:slug>/thanks/", views.thanks, name="thanks"),
    path("donor/", donor_views.donor_link, name="donor_link"),
    path("donor/<str:token>/", donor_views.donor_page, name="donor"),
    path("donor/<str:token>/portal/", donor_views.donor_portal, name="donor_portal"),
    path("donor/<str:token>/amount/", donor_views.donor_amount, name="donor_amount"),
    path("donor/<str:token>/stop/", donor_views.donor_cancel, name="donor_cancel"),
    re_path(
        r"^donor/(?P<token>[^/]+)/statement/(?P<year>[0-9]{4})/$",
        donor_views.donor_statement,
        name="donor_statement",
    ),
    re_path(
        r"^donor/(?P<token>[^/]+)/statement/(?P<year>[0-9]{4})\.pdf$",
        donor_views.donor_statement_pdf,
        name="donor_statement_pdf",
    ),
    path("webhooks/stripe/", webhooks.stripe_webhook, name="stripe_webhook"),
]
