"""StreamField blocks of a press release body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.blocks import ImageChooserBlock

#: The rendition the API gives for images in a release body.
API_IMAGE_RENDITION = "max-1600x1600"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    author = blocks.CharBlock(label=_("author"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        help_text=_("What the image shows, for people using a screen reader."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")

    def get_api_representation(self, value, context=None):
        """A rendition's URL and size instead of the bare image id, with the alt text."""
        return {
            "image": ImageRenditionField(API_IMAGE_RENDITION).to_representation(value["image"]),
            "alt_text": value["alt_text"],
            "caption": value["caption"],
        }


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("title"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Attachment")

    def get_api_representation(self, value, context=None):
        document = value["document"]
        return {
            "title": value["title"] or document.title,
            "url": document.url,
            "file_extension": document.file_extension,
        }


class PressReleaseBody(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]
    )
    quote = QuoteBlock()
    image = ImageBlock()
    embed = EmbedBlock(label=_("Embed"))
    attachment = AttachmentBlock()
