"""A social post as a connector receives it: the platform's variant, its link and its images."""

import mimetypes
import os

from cms.outbox.connectors import Media, OutgoingPost

#: Images are sent at most this large; platforms resize further themselves.
RENDITION = "max-2048x2048"


def outgoing_post(post, channel, idempotency_key):
    return OutgoingPost(
        idempotency_key=str(idempotency_key),
        text=post.text_for(channel.platform),
        link=post.link,
        title=post.title,
        media=tuple(_media(item) for item in post.media.all()),
    )


def _media(item):
    rendition = item.image.get_rendition(RENDITION)
    content_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"

    def read():
        with rendition.file.open("rb") as handle:
            return handle.read()

    return Media(
        filename=os.path.basename(rendition.file.name),
        content_type=content_type,
        alt_text=item.alt_text,
        url=rendition.full_url,
        read=read,
    )
