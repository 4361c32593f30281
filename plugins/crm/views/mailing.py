"""Distribution lists, sending a press release to one, the mailings with each recipient's status,
and the public unsubscribe page of the e-mails (mounted by plugins/crm/urls.py).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from cms.editorial.models import PressReleasePage
from plugins.crm.mailing import members, retry_failed, sendable_releases, start_mailing
from plugins.crm.models import (
    DistributionList,
    Mailing,
    MailingRecipient,
    RecipientStatus,
    Unsubscription,
)
from plugins.crm.views import MENU_HOOK

SEND_PERMISSION = "crm.add_mailing"
PREVIEW_SIZE = 20


def home_crumb():
    return {"url": reverse("wagtailadmin_home"), "label": _("Home")}


# Distribution lists


class MembersPanel(Panel):
    """How many journalists the saved list reaches, and the first of them."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "crm/mailing/members_panel.html"

        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            reached = members(self.instance)
            return {
                **super().get_context_data(parent_context),
                "count": reached.count(),
                "preview": reached[:PREVIEW_SIZE],
                "send_url": send_url(self.request.user, self.instance),
            }


def send_url(user, distribution_list):
    return reverse("crm_mailing_send", args=[distribution_list.pk]) if user.has_perm(SEND_PERMISSION) else ""


class DistributionListIndexView(generic.IndexView):
    @cached_property
    def columns(self):
        return [
            TitleColumn("name", label=_("name"), sort_key="name", get_url=self.get_edit_url),
            Column("member_count", label=_("members"), accessor=lambda item: members(item).count()),
            Column("description", label=_("description")),
        ]

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        url = send_url(self.request.user, instance)
        if url:
            buttons.append(ListingButton(_("Send a press release"), url=url, icon_name="mail", priority=5))
        return buttons


class DistributionListEditView(generic.EditView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        url = send_url(self.request.user, self.object)
        if url:
            buttons.append(HeaderButton(_("Send a press release"), url=url, icon_name="mail"))
        return buttons


class DistributionListViewSet(ModelViewSet):
    model = DistributionList
    icon = "list-ul"
    menu_label = gettext_lazy("Distribution lists")
    menu_order = 130
    menu_hook = MENU_HOOK
    index_view_class = DistributionListIndexView
    edit_view_class = DistributionListEditView
    search_fields = ["name", "description"]
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = ObjectList(
        [
            MembersPanel(heading=gettext_lazy("Members")),
            FieldPanel("name"),
            FieldPanel("description"),
            FieldPanel(
                "tags", help_text=gettext_lazy("Journalists with any of these tags belong to the list.")
            ),
            FieldPanel("beats", widget=forms.CheckboxSelectMultiple),
            FieldPanel(
                "outlets",
                widget=forms.SelectMultiple(attrs={"size": 10}),
                help_text=gettext_lazy("Journalists working there now belong to the list."),
            ),
            FieldPanel(
                "journalists",
                widget=forms.SelectMultiple(attrs={"size": 10}),
                help_text=gettext_lazy("People added by hand, whatever their tags, beats and outlets."),
            ),
        ]
    )


# Sending a press release to a list


class SendForm(forms.Form):
    page = forms.ModelChoiceField(
        label=gettext_lazy("Press release"),
        queryset=PressReleasePage.objects.none(),
        help_text=gettext_lazy(
            "Only published press releases that anyone can read (no embargo) can be sent."
        ),
        empty_label=None,
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].queryset = sendable_releases().order_by("-first_published_at")


def send_view(request, pk):
    """Choose a published press release, see how many will get it, confirm, and queue the mailing."""
    if not request.user.has_perm(SEND_PERMISSION):
        raise PermissionDenied
    distribution_list = get_object_or_404(DistributionList, pk=pk)
    form = SendForm(request.POST or None)
    count = members(distribution_list).count()
    context = {
        "list": distribution_list,
        "form": form,
        "count": count,
        "has_releases": form.fields["page"].queryset.exists(),
        "header_icon": "mail",
        "header_title": _("Send a press release to “%(list)s”") % {"list": distribution_list.name},
        "breadcrumbs_items": [
            home_crumb(),
            {"url": reverse("crm_distribution_list:index"), "label": capfirst(_("distribution lists"))},
            {"url": reverse("crm_distribution_list:edit", args=[pk]), "label": distribution_list.name},
            {"url": "", "label": _("Send a press release")},
        ],
    }
    if request.method == "POST" and form.is_valid():
        page = form.cleaned_data["page"]
        if form.cleaned_data["confirm"] and count:
            try:
                mailing = start_mailing(distribution_list, page, request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    ngettext(
                        "“%(title)s” is being sent to %(count)d journalist.",
                        "“%(title)s” is being sent to %(count)d journalists.",
                        mailing.recipients.count(),
                    )
                    % {"title": page.title, "count": mailing.recipients.count()},
                )
                return redirect("crm_mailing:detail", mailing.pk)
        else:
            context["page"] = page
            return TemplateResponse(request, "crm/mailing/send_confirm.html", context)
    return TemplateResponse(request, "crm/mailing/send.html", context)


# Mailings


mailing_policy = ModelPermissionPolicy(Mailing)


def with_counts(queryset):
    def count(status):
        return Count("recipients", filter=Q(recipients__status=status))

    return queryset.annotate(
        sent_count=count(RecipientStatus.SENT),
        failed_count=count(RecipientStatus.FAILED),
        queued_count=count(RecipientStatus.QUEUED),
    )


class MailingIndexView(generic.IndexView):
    model = Mailing
    permission_policy = mailing_policy
    any_permission_required = ["view", "add", "change"]
    index_url_name = "crm_mailing:index"
    index_results_url_name = "crm_mailing:index_results"
    page_title = gettext_lazy("Mailings")
    header_icon = "mail"
    default_ordering = "-created_at"

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "subject",
                label=_("press release"),
                get_url=lambda mailing: reverse("crm_mailing:detail", args=[mailing.pk]),
            ),
            Column("list", label=_("list")),
            Column("status", label=_("status"), accessor="get_status_display"),
            Column("sent_count", label=_("sent")),
            Column("failed_count", label=_("failed")),
            Column("queued_count", label=_("queued")),
            Column("created_by", label=_("sent by")),
            DateColumn("created_at", label=_("created at"), sort_key="created_at"),
        ]

    def get_base_queryset(self):
        return with_counts(super().get_base_queryset().select_related("list", "created_by"))

    def get_valid_orderings(self):
        return ["created_at", "-created_at"]


def mailing_detail(request, pk):
    """A mailing's counts and every recipient's status, with the reason of each failure."""
    if not mailing_policy.user_has_any_permission(request.user, ["view", "add", "change"]):
        raise PermissionDenied
    mailing = get_object_or_404(
        with_counts(Mailing.objects.select_related("list", "page", "created_by")), pk=pk
    )
    status = request.GET.get("status", "")
    recipients = mailing.recipients.select_related("journalist")
    if status in RecipientStatus.values:
        recipients = recipients.filter(status=status)
    context = {
        "mailing": mailing,
        "recipients": recipients,
        "status": status,
        "statuses": RecipientStatus.choices,
        "can_retry": mailing.failed_count and request.user.has_perm(SEND_PERMISSION),
        "header_icon": "mail",
        "header_title": mailing.subject,
        "breadcrumbs_items": [
            home_crumb(),
            {"url": reverse("crm_mailing:index"), "label": _("Mailings")},
            {"url": "", "label": mailing.subject},
        ],
    }
    return TemplateResponse(request, "crm/mailing/detail.html", context)


@require_POST
def mailing_retry(request, pk):
    """Queue the failed recipients of a mailing again."""
    if not request.user.has_perm(SEND_PERMISSION):
        raise PermissionDenied
    mailing = get_object_or_404(Mailing, pk=pk)
    count = retry_failed(mailing, request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d failed recipient is queued again.",
            "%(count)d failed recipients are queued again.",
            count,
        )
        % {"count": count},
    )
    return redirect("crm_mailing:detail", mailing.pk)


class MailingViewSet(ViewSet):
    """The mailings: a list, each one's detail page and retrying its failed recipients."""

    name = "crm_mailing"
    url_prefix = "crm/mailings"
    icon = "mail"
    menu_label = gettext_lazy("Mailings")
    menu_order = 140
    menu_hook = MENU_HOOK

    @cached_property
    def menu_item_class(self):
        from wagtail.admin.menu import MenuItem

        def is_shown(_item, request):
            return mailing_policy.user_has_any_permission(request.user, ["view", "add", "change"])

        return type("MailingMenuItem", (MenuItem,), {"is_shown": is_shown})

    @property
    def menu_url(self):
        return reverse("crm_mailing:index")

    def get_urlpatterns(self):
        return [
            path("", MailingIndexView.as_view(), name="index"),
            path("results/", MailingIndexView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", mailing_detail, name="detail"),
            path("<int:pk>/retry/", mailing_retry, name="retry"),
        ]


@hooks.register("register_admin_urls")
def register_send_url():
    return [path("crm/lists/<int:pk>/send/", send_view, name="crm_mailing_send")]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [DistributionListViewSet("crm_distribution_list"), MailingViewSet()]


# Public: the unsubscribe link of every mailing


class UnsubscribeForm(forms.Form):
    scope = forms.ChoiceField(
        label=gettext_lazy("Stop sending me"),
        widget=forms.RadioSelect,
        choices=[("list", gettext_lazy("this list")), ("all", gettext_lazy("all mailings"))],
        initial="list",
    )


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Confirm, then record that the person wants no more mailings of the list, or none at all."""
    recipient = get_object_or_404(
        MailingRecipient.objects.select_related("mailing__list", "journalist"),
        token=token,
        journalist__isnull=False,
    )
    form = UnsubscribeForm(request.POST or None)
    context = {"list": recipient.mailing.list, "form": form, "email": recipient.email}
    if request.method == "POST" and form.is_valid():
        everything = form.cleaned_data["scope"] == "all"
        Unsubscription.objects.get_or_create(
            journalist=recipient.journalist, list=None if everything else recipient.mailing.list
        )
        context["everything"] = everything
        return TemplateResponse(request, "crm/mailing/unsubscribed.html", context)
    return TemplateResponse(request, "crm/mailing/unsubscribe.html", context)
