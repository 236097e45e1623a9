from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from api.actions import (
    DeliveryViewSet,
    FollowUpViewSet,
    OutboundClaimView,
    OutboundResultView,
    TransferDecisionView,
)
from api.agents import AgentViewSet
from api.calls import CallViewSet
from api.connectors import ConnectionViewSet, platform_delivery_view
from api.reviews import CorrectionViewSet, ReviewViewSet
from console.views import inbox_receive_view
from postcall_site.views import home

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("agents", AgentViewSet, basename="agent")
router.register("calls", CallViewSet, basename="call")
router.register("deliveries", DeliveryViewSet, basename="delivery")
router.register("follow-ups", FollowUpViewSet, basename="follow-up")
router.register("reviews", ReviewViewSet, basename="review")
router.register("corrections", CorrectionViewSet, basename="correction")

api_v1 = [
    path("outbound-calls/claim/", OutboundClaimView.as_view(), name="outbound-claim"),
    path(
        "outbound-calls/<int:follow_up_id>/result/",
        OutboundResultView.as_view(),
        name="outbound-result",
    ),
    path("transfer-decisions/", TransferDecisionView.as_view(), name="transfer-decision"),
    path(
        "agents/<slug:agent_slug>/connections/",
        ConnectionViewSet.as_view({"get": "list", "post": "create"}),
        name="agent-connection-list",
    ),
    path(
        "agents/<slug:agent_slug>/connections/<int:pk>/",
        ConnectionViewSet.as_view({"get": "retrieve", "put": "update", "patch": "partial_update"}),
        name="agent-connection-detail",
    ),
    *router.urls,
]

# The API's description is public; every endpoint it describes needs a key.
public = {"authentication_classes": [], "permission_classes": [AllowAny]}

urlpatterns = [
    path("", home, name="home"),
    path("admin/", admin.site.urls),
    path("inbox/<str:token>/", inbox_receive_view, name="inbox-receive"),
    path("hooks/<str:platform>/<str:token>/", platform_delivery_view, name="platform-delivery"),
    path("api/v1/", include((api_v1, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(**public), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerView.as_view(url_name="api-schema", **public),
        name="api-docs",
    ),
    path(
        "api/redoc/",
        SpectacularRedocView.as_view(url_name="api-schema", **public),
        name="api-redoc",
    ),
]

handler400 = "api.errors.bad_request"
handler404 = "api.errors.not_found"
handler500 = "api.errors.server_error"
