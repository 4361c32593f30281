"""The CRM's models, one module per part: see each module's docstring."""

from plugins.crm.models.custom_fields import CustomField, CustomFieldKind, CustomFieldTarget
from plugins.crm.models.journalists import (
    ContactChannel,
    Employment,
    Journalist,
    JournalistEmail,
    JournalistPhone,
    JournalistSocialProfile,
    JournalistTag,
    LegalBasis,
)
from plugins.crm.models.mailing import (
    DistributionList,
    Mailing,
    MailingRecipient,
    MailingStatus,
    RecipientStatus,
    Unsubscription,
)
from plugins.crm.models.outlets import (
    Outlet,
    OutletAddress,
    OutletEmail,
    OutletKind,
    OutletPhone,
    OutletReach,
    OutletSocialProfile,
    OutletTag,
    SocialNetwork,
)
from plugins.crm.models.tasks import BeatCoordinator, Task, TaskRule, TaskStatus, TaskTrigger
from plugins.crm.models.timeline import EntryKind, TimelineAttachment, TimelineEntry

__all__ = [
    "BeatCoordinator",
    "ContactChannel",
    "CustomField",
    "CustomFieldKind",
    "CustomFieldTarget",
    "DistributionList",
    "Employment",
    "EntryKind",
    "Journalist",
    "JournalistEmail",
    "JournalistPhone",
    "JournalistSocialProfile",
    "JournalistTag",
    "LegalBasis",
    "Mailing",
    "MailingRecipient",
    "MailingStatus",
    "Outlet",
    "OutletAddress",
    "OutletEmail",
    "OutletKind",
    "OutletPhone",
    "OutletReach",
    "OutletSocialProfile",
    "OutletTag",
    "RecipientStatus",
    "SocialNetwork",
    "Task",
    "TaskRule",
    "TaskStatus",
    "TaskTrigger",
    "TimelineAttachment",
    "TimelineEntry",
    "Unsubscription",
]
