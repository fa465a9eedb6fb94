"""URLs of the reader's discussion endpoints (the JSON API lives under /api/comments/)."""

from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("<id:page_id>/post/", views.comment_post_form, name="post"),
    path("<id:page_id>/thread/", views.thread_fragment, name="thread"),
    path("<id:page_id>/new/", views.new_fragment, name="new"),
    path("<id:page_id>/poll/", views.thread_poll, name="poll"),
    path("<id:page_id>/me/", views.reader_state, name="me"),
    path("<id:page_id>/token/", views.form_token, name="token"),
    path("c/<id:comment_id>/edit/", views.comment_edit_form, name="edit"),
    path("c/<id:comment_id>/delete/", views.comment_delete_form, name="delete"),
    path("c/<id:comment_id>/vote/", views.comment_vote_form, name="vote"),
    path("c/<id:root_id>/replies/", views.replies_fragment, name="replies"),
]
