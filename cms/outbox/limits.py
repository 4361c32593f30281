"""Channel limits: the one check of a post variant against what a platform takes.

The table comes from the connectors' declared :class:`~cms.outbox.connectors.Limits`;
the editorial form checks posts with it when they are saved and when they are approved.
"""

from django.utils.translation import gettext as _

from cms.outbox.registry import connectors


def limits_table():
    """Platform key -> (name, limits), for every active connector."""
    return {key: (cls.verbose_name, cls.limits) for key, cls in sorted(connectors().items())}


def variant_problems(platform, text, media_count, link=""):
    """Messages saying why ``text`` with ``media_count`` images cannot go to ``platform``."""
    table = limits_table()
    if platform not in table:
        return [_("There is no active connector for the platform “%(platform)s”.") % {"platform": platform}]
    name, limits = table[platform]
    length = len(text) + (len(link) + 1 if link and limits.link_in_text else 0)
    problems = []
    if length > limits.max_length:
        problems.append(
            _("%(channel)s allows %(limit)d characters; this text has %(length)d.")
            % {"channel": name, "limit": limits.max_length, "length": length}
        )
    if media_count > limits.max_media:
        problems.append(
            _("%(channel)s allows %(limit)d images per post; this post has %(count)d.")
            % {"channel": name, "limit": limits.max_media, "count": media_count}
        )
    if media_count < limits.min_media:
        problems.append(_("%(channel)s needs at least one image.") % {"channel": name})
    return problems
