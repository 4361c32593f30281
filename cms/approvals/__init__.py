"""Approval in stages of a text that is not a page: an inquiry's answer, a reply to a citizen."""
