"""The desk's admin screens under /admin/plugins/inquiries/ (namespace ``inquiries``)."""

from django.urls import include, path

from plugins.inquiries.views import case_forms, case_page, quarantine, report, requests
from plugins.inquiries.views.inquiry_list import InquiryIndexView

urlpatterns = [
    path("", InquiryIndexView.as_view(), name="index"),
    path("results/", InquiryIndexView.as_view(results_only=True), name="index_results"),
    path("new/", case_forms.NewInquiryView.as_view(), name="new"),
    path("<int:pk>/", case_page.case, name="case"),
    path("<int:pk>/details/", case_forms.EditDetailsView.as_view(), name="edit"),
    path("<int:pk>/do/<slug:step>/", case_page.act, name="act"),
    path("attachments/<int:pk>/", case_page.attachment, name="attachment"),
    path("requests/", include(requests.urlpatterns)),
    path("report/", report.ReportView.as_view(), name="report"),
    path("quarantine/", quarantine.index, name="quarantine"),
    path("quarantine/<int:pk>/", quarantine.detail, name="quarantine_detail"),
    path("quarantine/<int:pk>/original/", quarantine.original, name="quarantine_original"),
    path("quarantine/<int:pk>/retry/", quarantine.retry, name="quarantine_retry"),
    path("quarantine/<int:pk>/anyway/", quarantine.take_anyway, name="quarantine_anyway"),
    path("quarantine/<int:pk>/discard/", quarantine.discard, name="quarantine_discard"),
]
