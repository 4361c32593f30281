"""Deadlines in working time: the clock, policies, tracked deadlines and the sweep that reminds."""
