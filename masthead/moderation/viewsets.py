"""The Wagtail admin's moderation screens, built on Wagtail's generic model views."""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.comments.models import Comment, Discussion, Status
from masthead.comments.selectors import comments_pending_count, comments_with_pages, discussion_get

from .admin_views import BAN_PERMISSION, PRIVACY_PERMISSION, BanFromCommentView, CommenterDataView
from .models import AuditEntry, Ban, ScreeningEntry
from .reasons import Reason
from .services import ban_create, ban_lift


class LimitedPolicy(ModelPermissionPolicy):
    """Django's model permissions, limited to some actions of the generic views: comments change
    only through moderation actions (which keep counts and the audit log right), bans are made
    and lifted but not edited, logs never change. Whoever may change may also view."""

    def __init__(self, model, *, actions: set[str]):
        super().__init__(model)
        self.actions = actions

    def user_has_permission(self, user, action):
        if action not in self.actions:
            return False
        if action == "view" and super().user_has_permission(user, "change"):
            return True
        return super().user_has_permission(user, action)


# --- the queue ---------------------------------------------------------------------------------


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    moderation_reason = django_filters.ChoiceFilter(label=_("Reason"), choices=Reason.choices)
    author_email = django_filters.CharFilter(label=_("Email address"), lookup_expr="iexact")

    class Meta:
        model = Comment
        fields = ["status", "moderation_reason", "author_email"]


def _reason_label(comment: Comment) -> str:
    """The pipeline's code in words; a moderator's own reason as written."""
    code = comment.moderation_reason
    return str(Reason(code).label) if code in Reason.values else code


class CommentIndexView(SnippetIndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not self.request.user.has_perm(BAN_PERMISSION):
            return buttons
        ban_url = reverse("moderation_comments:ban", args=[instance.pk])
        if instance.author_email:
            buttons.append(
                ListingMenuItem(
                    _("Ban email address"), f"{ban_url}?kind=email", icon_name="warning", priority=40
                )
            )
        if instance.network_hash:
            buttons.append(
                ListingMenuItem(_("Ban network"), f"{ban_url}?kind=network", icon_name="warning", priority=41)
            )
        return buttons


class CommentQueueViewSet(SnippetViewSet):
    model = Comment
    admin_url_namespace = "moderation_comments"
    base_url_path = "comments"
    icon = "comment"
    menu_label = _("Comments")
    menu_order = 250
    add_to_admin_menu = True
    add_to_reference_index = False  # no reference tracking on every comment save
    inspect_view_enabled = True
    inspect_view_fields = [
        "page",
        "parent",
        "author_name",
        "author_email",
        "author_url",
        "user",
        "body",
        "status",
        "moderation_reason",
        "created_at",
        "edited_at",
        "network_hash",
        "up",
        "down",
    ]
    copy_view_enabled = False
    index_view_class = CommentIndexView
    list_display = [
        "__str__",
        "page",
        "author_email",
        "status",
        Column("moderation_reason", label=_("Reason"), accessor=_reason_label, sort_key="moderation_reason"),
        DateColumn("created_at", label=_("Posted"), sort_key="created_at"),
    ]
    filterset_class = CommentFilterSet
    search_fields = ["body", "author_name", "author_email"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50

    def get_queryset(self, request):
        return comments_with_pages()

    @property
    def menu_url(self):
        return reverse(self.get_url_name("list")) + "?status=pending"  # the queue proper

    @property
    def menu_item_class(self):
        """The menu says how many comments wait: "Comments (3)"."""

        class QueueMenuItem(super().menu_item_class):
            def render_component(self, request):
                component = super().render_component(request)
                waiting = comments_pending_count()
                if waiting:
                    component.label = f"{component.label} ({waiting})"
                return component

        return QueueMenuItem

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "ban/<int:pk>/",
                BanFromCommentView.as_view(index_url_name=self.get_url_name("list")),
                name="ban",
            ),
        ]


# --- bans --------------------------------------------------------------------------------------


class BanCreateView(generic.CreateView):
    """Banning goes through ban_create (normalised, audited); lifting through ban_lift."""

    def save_instance(self):
        data = self.form.cleaned_data
        return ban_create(
            kind=data["kind"], value=data["value"], actor=self.request.user, reason=data["reason"]
        )


class BanDeleteView(generic.DeleteView):
    def delete_action(self):
        ban_lift(ban=self.object, actor=self.request.user)


class BanViewSet(ModelViewSet):
    model = Ban
    name = "moderation_bans"
    url_prefix = "moderation/bans"
    icon = "warning"
    menu_label = _("Bans")
    add_view_class = BanCreateView
    delete_view_class = BanDeleteView
    form_fields = ["kind", "value", "reason"]
    list_display = [
        "value",
        "kind",
        "reason",
        "created_by",
        DateColumn("created_at", label=_("Since"), sort_key="created_at"),
    ]
    list_filter = ["kind"]
    search_fields = ["value", "reason"]
    search_backend_name = None
    copy_view_enabled = False
    add_to_reference_index = False


class DiscussionSaveMixin:
    """Closing or reopening goes through the comments app's service (it retires cached pages)."""

    def save_instance(self):
        from masthead.comments.services import discussion_close

        data = self.form.cleaned_data
        page = data.get("page") or self.object.page
        discussion_close(page=page, closed=data["is_closed"])
        return discussion_get(page_id=page.pk)


class DiscussionCreateView(DiscussionSaveMixin, generic.CreateView):
    pass


class DiscussionEditView(DiscussionSaveMixin, generic.EditView):
    pass


class DiscussionViewSet(ModelViewSet):
    """Per-article discussions: editors close one (no new comments) or reopen it."""

    model = Discussion
    name = "moderation_discussions"
    url_prefix = "moderation/discussions"
    icon = "comment"
    menu_label = _("Discussions")
    add_view_class = DiscussionCreateView
    edit_view_class = DiscussionEditView
    form_fields = ["page", "is_closed"]
    list_display = ["page", "approved_count", "is_closed"]
    list_filter = ["is_closed"]
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False


# --- logs --------------------------------------------------------------------------------------


class AuditLogViewSet(ModelViewSet):
    model = AuditEntry
    name = "moderation_audit"
    url_prefix = "moderation/audit"
    icon = "history"
    menu_label = _("Audit log")
    list_display = [
        DateColumn("created_at", label=_("Time"), sort_key="created_at"),
        "actor",
        "action",
        "target",
        "reason",
    ]
    list_filter = ["action", "actor"]
    search_fields = ["target", "reason"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    exclude_form_fields: list[str] = []  # required by ModelViewSet; the policy allows no form


class ScreeningLogViewSet(ModelViewSet):
    model = ScreeningEntry
    name = "moderation_screening"
    url_prefix = "moderation/screening"
    icon = "list-ul"
    menu_label = _("Screening log")
    list_display = [
        DateColumn("created_at", label=_("Time"), sort_key="created_at"),
        "action",
        "reason",
        "page",
        Column("network_hash", label=_("Network")),
    ]
    list_filter = ["action", "reason"]
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    exclude_form_fields: list[str] = []  # required by ModelViewSet; the policy allows no form


# --- privacy requests --------------------------------------------------------------------------


class CommenterDataViewSet(ViewSet):
    name = "moderation_privacy"
    url_prefix = "moderation/commenter-data"
    icon = "user"
    menu_label = _("Commenter data")

    @property
    def menu_item_class(self):
        class PermittedMenuItem(MenuItem):
            def is_shown(self, request):
                return request.user.has_perm(PRIVACY_PERMISSION)

        return PermittedMenuItem

    def get_urlpatterns(self):
        return [path("", CommenterDataView.as_view(), name="index")]


class ModerationGroup(ViewSetGroup):
    menu_label = _("Moderation")
    menu_icon = "warning"
    menu_order = 251
    items = (DiscussionViewSet, BanViewSet, AuditLogViewSet, ScreeningLogViewSet, CommenterDataViewSet)
