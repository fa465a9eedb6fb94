"""Readers' subscription pages, under /subscriptions/ (and /ar/subscriptions/ for the Arabic edition)."""

from django.urls import path

from . import views

app_name = "subscriptions"
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("leave/<str:token>/", views.leave, name="leave"),
    path("mine/", views.manage, name="manage"),
]
