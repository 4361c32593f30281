"""The CRM's entries in Wagtail's audit log (Reports › Site history), one helper for all parts.

Creating, changing and deleting through the admin is logged by Wagtail itself
(``wagtail.create``, ``wagtail.edit``, ``wagtail.delete``); the CRM adds the
actions below and logs them with :func:`record`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import log

EXPORT = "crm.export"
IMPORT = "crm.import"
MERGE = "crm.merge"
MAILING = "crm.mailing"
PERSONAL_DATA_EXPORT = "crm.personal_data_export"
ERASE = "crm.erase"

LABELS = {
    EXPORT: _("Export"),
    IMPORT: _("Import"),
    MERGE: _("Merge of duplicates"),
    MAILING: _("Mailing sent"),
    PERSONAL_DATA_EXPORT: _("Personal data exported"),
    ERASE: _("Personal data erased"),
}


def record(instance, action, user=None, **data):
    """Log ``action`` on ``instance`` (a model row) by ``user`` with JSON-able ``data``."""
    return log(instance=instance, action=action, user=user, data=data)


@hooks.register("register_log_actions")
def register_actions(actions):
    for action, label in LABELS.items():
        actions.register_action(action, label, label)
