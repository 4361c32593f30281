"""Wagtail API v2 (/api/v2/): published pages, images and documents for front-end sites.

The endpoints serve public content, so they are open to anonymous readers,
unlike the REST API whose default is to require authentication.
"""

from rest_framework.permissions import AllowAny
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.api.page_filters import QUERY_PARAMETERS, PublishedDateFilter, TopicFilter
from cms.editorial.visibility import publicly_visible


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
        """Live public pages without releases under embargo, for every listing and detail route."""
        return publicly_visible(super().get_base_queryset())


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    permission_classes = [AllowAny]


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    permission_classes = [AllowAny]


router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PublicPagesAPIViewSet)
router.register_endpoint("images", PublicImagesAPIViewSet)
router.register_endpoint("documents", PublicDocumentsAPIViewSet)
