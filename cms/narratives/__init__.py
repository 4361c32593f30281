"""Narratives: the city's official positions, with a lifetime, re-verification and search."""
