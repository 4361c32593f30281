"""Wagtail API v2 (/api/v2/): published pages, images and documents for front-end sites.

The endpoints serve public content, so they are open to anonymous readers,
unlike the REST API whose default is to require authentication.
"""

from django.db.models import Prefetch, prefetch_related_objects
from rest_framework.permissions import AllowAny
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.api.page_filters import QUERY_PARAMETERS, PublishedDateFilter, TopicFilter
from cms.editorial.models import PressReleasePage, SocialPostMedia, SocialPostPage
from cms.editorial.visibility import publicly_visible


def _image_with_rendition(lookup, model, field):
    """The image behind ``lookup`` with the rendition ``model``'s API field serves of it."""
    spec = next(api_field.serializer.filter_spec for api_field in model.api_fields if api_field.name == field)
    return Prefetch(lookup, queryset=get_image_model().objects.prefetch_renditions(spec))


#: The related rows an API field reads, by page type and field: a listing fetches them for
#: its whole page of results at once, so its query count does not grow with its size.
RELATED_ROWS = {
    PressReleasePage: {
        "listing_image": [_image_with_rendition("listing_image", PressReleasePage, "listing_image")],
        "topic_slugs": ["topics"],
        "tag_names": ["tags"],
    },
    SocialPostPage: {
        "media": ["media", _image_with_rendition("media__image", SocialPostMedia, "image")],
        "variants": ["variants"],
    },
}
EVERY_PAGE = {"locale": ["locale"]}


def related_lookups(model, fields):
    """Prefetch lookups for the related rows the given API fields of ``model`` read."""
    rows = {**EVERY_PAGE, **RELATED_ROWS.get(model, {})}
    return [lookup for field in fields for lookup in rows.get(field, ())]


class PublicPagesAPIViewSet(PagesAPIViewSet):
    permission_classes = [AllowAny]
    # Wagtail's search filter must stay last: search results cannot be filtered further.
    filter_backends = [
        *PagesAPIViewSet.filter_backends[:-1],
        TopicFilter,
        PublishedDateFilter,
        PagesAPIViewSet.filter_backends[-1],
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(QUERY_PARAMETERS)

    def get_base_queryset(self):
        """Live public pages without releases under embargo, for every listing and detail route.

        Built once per request: the view asks for it several times, and each build reads
        the view restrictions from the database.
        """
        if not hasattr(self, "_public_pages"):
            self._public_pages = publicly_visible(super().get_base_queryset())
        return self._public_pages

    def paginate_queryset(self, queryset):
        """A page of results with the related rows of the requested fields fetched for all of it."""
        pages = list(super().paginate_queryset(queryset))
        serializer_class = self.get_serializer_class()
        prefetch_related_objects(
            pages, *related_lookups(serializer_class.Meta.model, serializer_class.Meta.fields)
        )
        return pages


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    permission_classes = [AllowAny]


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    permission_classes = [AllowAny]


router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PublicPagesAPIViewSet)
router.register_endpoint("images", PublicImagesAPIViewSet)
router.register_endpoint("documents", PublicDocumentsAPIViewSet)
