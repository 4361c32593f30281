"""The journalist CRM: outlets, journalists, the timeline of every exchange, tasks, lists and mailing."""
