"""The inquiry desk's models, one module per part: see each module's docstring."""

from plugins.inquiries.models.inquiries import Assignment, Channel, Inquiry, InquiryState, Priority
from plugins.inquiries.models.kinds import InquiryKind, ResponsePolicy
from plugins.inquiries.models.quarantine import QuarantinedMail
from plugins.inquiries.models.requests import (
    InternalRequest,
    RequestKind,
    RequestMessage,
    RequestState,
    RequestUnit,
)
from plugins.inquiries.models.threads import Attachment, Direction, Message, Visibility

__all__ = [
    "Assignment",
    "Attachment",
    "Channel",
    "Direction",
    "Inquiry",
    "InquiryKind",
    "InquiryState",
    "InternalRequest",
    "Message",
    "Priority",
    "QuarantinedMail",
    "RequestKind",
    "RequestMessage",
    "RequestState",
    "RequestUnit",
    "ResponsePolicy",
    "Visibility",
]
