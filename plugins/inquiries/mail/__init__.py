"""The press office mailbox: polled over IMAP, each e-mail a new case, a reply in its case, or quarantined.

``mailbox`` talks IMAP, ``parsing`` reads one e-mail, ``intake`` decides where it
goes, ``quarantine`` keeps what cannot be taken in, and ``polling`` runs one pass
over the mailbox (the scheduled job and ``manage.py poll_mailbox``).
"""
