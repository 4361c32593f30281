"""A plugin that exists only in test settings, exercising every part of the contract."""
