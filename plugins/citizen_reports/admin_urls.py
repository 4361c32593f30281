"""The citizen reports' admin screens at /admin/plugins/citizen_reports/ (namespace ``citizen_reports``)."""

from django.urls import path

from plugins.citizen_reports.views import case_page, report
from plugins.citizen_reports.views.new_report import NewReportView
from plugins.citizen_reports.views.report_list import QueueView, ReportIndexView

urlpatterns = [
    path("", ReportIndexView.as_view(), name="index"),
    path("results/", ReportIndexView.as_view(results_only=True), name="index_results"),
    path("queue/", QueueView.as_view(), name="queue"),
    path("queue/results/", QueueView.as_view(results_only=True), name="queue_results"),
    path("new/", NewReportView.as_view(), name="new"),
    path("<int:pk>/", case_page.case, name="case"),
    path("<int:pk>/do/<slug:step>/", case_page.act, name="act"),
    path("photos/<int:pk>/", case_page.photo, name="photo"),
    path("report/", report.SlaReportView.as_view(), name="report"),
]
