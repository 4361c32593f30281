"""Addresses of the desk's admin screens, for links in notifications, timelines and the API."""

from django.urls import reverse


def case_url(inquiry):
    return reverse("inquiries:case", args=[inquiry.pk])


def request_url(request):
    return reverse("inquiries:request", args=[request.pk])
