"""Komunikat: the Wagtail project at the core of the platform."""

__version__ = "0.1.0"
