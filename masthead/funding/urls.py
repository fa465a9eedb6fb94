"""The funding app's URLs: the donate pages (language-neutral for now) and Stripe's webhook."""

from django.urls import path

from . import views, webhooks

app_name = "funding"
urlpatterns = [
    path("donate/cancel/<str:token>/", views.cancel, name="cancel"),
    path("donate/<slug:slug>/", views.donate, name="donate"),
    path("donate/<slug:slug>/thanks/", views.thanks, name="thanks"),
    path("webhooks/stripe/", webhooks.stripe_webhook, name="stripe_webhook"),
]
