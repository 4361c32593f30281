"""Benchmarks: speed and query targets as ratios against a baseline measured in the same run.

Each module is a script (``python -m bench.<name>``); ``make bench`` runs them all.
"""
