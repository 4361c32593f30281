"""A social post as a connector receives it: the platform's variant, its link and its images."""

from django.conf import settings

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
    content_type = {"jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}.get(
        rendition.file.name.rsplit(".", 1)[-1].lower(), "image/jpeg"
    )

    def read():
        with rendition.file.open("rb") as handle:
            return handle.read()

    return Media(
        filename=rendition.file.name.rsplit("/", 1)[-1],
        content_type=content_type,
        alt_text=item.alt_text,
        url=settings.WAGTAILADMIN_BASE_URL.rstrip("/") + rendition.url,
        read=read,
    )
