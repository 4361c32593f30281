"""The one table of social channels and their limits, and the check of a text against it.

Lengths are counted in characters as the platforms document them for plain
text; media limits are per post.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Channel:
    key: str
    label: str
    max_length: int
    max_media: int
    min_media: int = 0


CHANNELS = {
    channel.key: channel
    for channel in (
        Channel("x", "X", max_length=280, max_media=4),
        Channel("facebook", "Facebook", max_length=63_206, max_media=10),
        Channel("linkedin", "LinkedIn", max_length=3_000, max_media=9),
        Channel("instagram", "Instagram", max_length=2_200, max_media=10, min_media=1),
    )
}

CHANNEL_CHOICES = [(channel.key, channel.label) for channel in CHANNELS.values()]


def channel_problems(channel_key, text, media_count):
    """Messages saying why ``text`` with ``media_count`` images cannot go to the channel."""
    channel = CHANNELS[channel_key]
    problems = []
    if len(text) > channel.max_length:
        problems.append(
            _("%(channel)s allows %(limit)d characters; this text has %(length)d.")
            % {"channel": channel.label, "limit": channel.max_length, "length": len(text)}
        )
    if media_count > channel.max_media:
        problems.append(
            _("%(channel)s allows %(limit)d images per post; this post has %(count)d.")
            % {"channel": channel.label, "limit": channel.max_media, "count": media_count}
        )
    if media_count < channel.min_media:
        problems.append(_("%(channel)s needs at least one image.") % {"channel": channel.label})
    return problems
