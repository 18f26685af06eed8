"""The application factory: plugins, routers, exception handlers, OpenAPI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.middleware import DefineMiddleware
from litestar.stores.redis import RedisStore

from lumen.auth.dependencies import (
    provide_account,
    provide_admin,
    provide_caller,
    provide_reader,
)
from lumen.auth.failed_attempts import FailedAuthLimiter
from lumen.commands.accounts import MeController
from lumen.commands.boundary import Commands
from lumen.commands.editor import provide_editor
from lumen.commands.follows import FollowController
from lumen.commands.moderation import AuditTrailController, ModerationController
from lumen.commands.photo_files import MyPhotoController, PhotoOriginalController
from lumen.commands.photos import MyPhotosController, PhotoController
from lumen.commands.profiles import MyProfileController, ProfileController
from lumen.commands.reports import MyReportsController, ReportController, ReportQueueController
from lumen.health import HealthController
from lumen.http import EXPOSED_HEADERS
from lumen.json_bodies import JsonBodyRequest
from lumen.logging import add_request_id_header, configure_logging, request_id_middleware
from lumen.metrics.endpoint import MetricsController
from lumen.metrics.requests import request_metrics
from lumen.openapi import pages as docs_pages
from lumen.openapi.config import openapi_config
from lumen.problems import EXCEPTION_HANDLERS
from lumen.projections.health import ProjectionHealthController
from lumen.queries.audience import provide_viewer
from lumen.queries.clusters import MapController
from lumen.queries.discovery import DiscoveryController
from lumen.queries.media_files import MediaFileController
from lumen.queries.photo_search import PhotoSearchController
from lumen.queries.profile_search import ProfileSearchController
from lumen.queries.public_views import read_photo, read_profile
from lumen.queries.suggest import SuggestController
from lumen.rate_limits import STORE, rate_limit_middleware
from lumen.resources import Resources
from lumen.security_headers import add_security_headers
from lumen.settings import Settings, load_settings
from lumen.slow_bodies import slow_body_limit
from lumen.workers.queue import commands_for

if TYPE_CHECKING:
    from lumen.tracing.process import Tracing


def _provide_resources(state: State) -> Resources:
    resources: Resources = state.resources
    return resources


def _provide_commands(state: State) -> Commands:
    # Per request and cheap: the boundary holds the process's pools, opens nothing itself.
    return commands_for(_provide_resources(state))


def _server_spans(tracing: Tracing | None) -> tuple[list[Any], list[Any]]:
    """The plugin and middleware of the server spans; with tracing off, nothing is loaded."""
    if tracing is None:
        return [], []
    from lumen.tracing.http import named_by_route, server_spans

    return [server_spans(tracing.provider)], [named_by_route]


def create_app(settings: Settings | None = None, tracing: Tracing | None = None) -> Litestar:
    """The API; with `tracing` (the process's, `lumen.serving`), a span per request with its
    database, Redis and engine calls inside."""
    settings = settings or load_settings()
    configure_logging(settings.log_level, json=settings.log_json, traced=tracing is not None)
    tracer = tracing.tracer if tracing else None
    plugins, traced_routes = _server_spans(tracing)

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        app.state.resources = Resources.open(settings, tracer)
        try:
            yield
        finally:
            await app.state.resources.close()

    return Litestar(
        route_handlers=[
            HealthController,
            ProjectionHealthController,
            *([MetricsController] if settings.metrics_enabled else []),
            MeController,
            ModerationController,
            AuditTrailController,
            ReportQueueController,
            ReportController,
            MyReportsController,
            ProfileController,
            MyProfileController,
            PhotoController,
            PhotoOriginalController,
            MyPhotoController,
            MyPhotosController,
            MediaFileController,
            FollowController,
            ProfileSearchController,
            PhotoSearchController,
            SuggestController,
            DiscoveryController,
            MapController,
            read_profile,
            read_photo,
            *docs_pages.routes(),
        ],
        dependencies={
            "resources": Provide(_provide_resources, sync_to_thread=False),
            "commands": Provide(_provide_commands, sync_to_thread=False),
            "caller": Provide(provide_caller),
            "account": Provide(provide_account),
            "reader": Provide(provide_reader),
            "admin": Provide(provide_admin),
            "viewer": Provide(provide_viewer, sync_to_thread=False),
            "editor": Provide(provide_editor, sync_to_thread=False),
        },
        lifespan=[lifespan],
        request_class=JsonBodyRequest,
        # The server span wraps the router (Litestar places it there), outside every middleware.
        plugins=plugins,
        middleware=[
            # Outermost: it times the whole stack and sees every refusal's status.
            *([request_metrics()] if settings.metrics_enabled else []),
            *traced_routes,
            request_id_middleware,
            slow_body_limit(settings.body_idle_timeout_s, settings.body_min_bytes_per_s),
            DefineMiddleware(
                FailedAuthLimiter,
                per_minute=settings.rate_limit_failed_auth_per_minute,
                namespace=settings.index_prefix,
            ),
            *rate_limit_middleware(settings),
        ],
        stores={
            STORE: RedisStore.with_client(
                url=settings.redis_url, namespace=f"{settings.index_prefix}:rate-limit"
            )
        },
        before_send=[add_request_id_header, add_security_headers],
        exception_handlers=EXCEPTION_HANDLERS,
        cors_config=CORSConfig(
            allow_origins=list(settings.cors_origins),
            allow_credentials=True,
            expose_headers=list(EXPOSED_HEADERS),
        ),
        openapi_config=openapi_config(),
        logging_config=None,
        debug=False,
    )
