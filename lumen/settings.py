"""Lumen's settings: every knob comes from an environment variable, read in one place."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import msgspec
from msgspec.structs import force_setattr

Environment = Literal["development", "test", "production"]
Engine = Literal["elasticsearch", "opensearch"]
# Where the local stack (infra/) serves each engine.
DEFAULT_SEARCH_URLS: dict[str, str] = {
    "elasticsearch": "http://127.0.0.1:9201",
    "opensearch": "http://127.0.0.1:9200",
}

# The development default; production refuses to run with it.
DEV_SECRET_KEY = "lumen-development-secret-key-change-me"  # noqa: S105 - refused in production

# Environment variable → field. FIREBASE_AUTH_EMULATOR_HOST keeps the SDK's own name
# because firebase-admin reads it directly; OTEL_EXPORTER_OTLP_ENDPOINT keeps
# OpenTelemetry's, the name collectors and operators know it by.
ENV_NAMES: dict[str, str] = {
    "LUMEN_ENV": "environment",
    "LUMEN_DATABASE_URL": "database_url",
    "LUMEN_REDIS_URL": "redis_url",
    "LUMEN_SEARCH_ENGINE": "search_engine",
    "LUMEN_SEARCH_URL": "search_url",
    "LUMEN_SEARCH_API_KEY": "search_api_key",
    "LUMEN_SEARCH_USERNAME": "search_username",
    "LUMEN_SEARCH_PASSWORD": "search_password",
    "LUMEN_SEARCH_CA_CERTS": "search_ca_certs",
    "LUMEN_SEARCH_TIMEOUT_S": "search_timeout_s",
    "LUMEN_INDEX_PREFIX": "index_prefix",
    "LUMEN_FIREBASE_PROJECT_ID": "firebase_project_id",
    "FIREBASE_AUTH_EMULATOR_HOST": "auth_emulator_host",
    "LUMEN_FIREBASE_CERT_URL": "firebase_cert_url",
    "LUMEN_MEDIA_DIR": "media_dir",
    "LUMEN_MAX_UPLOAD_BYTES": "max_upload_bytes",
    "LUMEN_MAX_IMAGE_PIXELS": "max_image_pixels",
    "LUMEN_CORS_ORIGINS": "cors_origins",
    "LUMEN_SECRET_KEY": "secret_key",
    "LUMEN_LOG_LEVEL": "log_level",
    "LUMEN_LOG_FORMAT": "log_format",
    "LUMEN_SLOW_SQL_MS": "slow_sql_ms",
    "LUMEN_SLOW_SEARCH_MS": "slow_search_ms",
    "OTEL_EXPORTER_OTLP_ENDPOINT": "otlp_endpoint",
    "LUMEN_TRACE_SAMPLE_RATIO": "trace_sample_ratio",
    "LUMEN_INDEX_REPLICAS": "index_replicas",
    "LUMEN_PROJECTOR_BATCH_SIZE": "projector_batch_size",
    "LUMEN_PROJECTOR_MAX_ATTEMPTS": "projector_max_attempts",
    "LUMEN_PROJECTOR_PAUSE_AFTER_BULK_S": "projector_pause_after_bulk_s",
    "LUMEN_QUERY_CACHE_TTL_S": "query_cache_ttl_s",
    "LUMEN_DECODE_MEMORY_MB": "decode_memory_mb",
    "LUMEN_WORKER_MAX_JOBS": "worker_max_jobs",
    "LUMEN_WORKER_METRICS_PORT": "worker_metrics_port",
    "LUMEN_METRICS_ENABLED": "metrics_enabled",
    "LUMEN_HEADER_READ_TIMEOUT_S": "header_read_timeout_s",
    "LUMEN_MAX_HEADER_BYTES": "max_header_bytes",
    "LUMEN_BODY_IDLE_TIMEOUT_S": "body_idle_timeout_s",
    "LUMEN_BODY_MIN_BYTES_PER_S": "body_min_bytes_per_s",
    "LUMEN_TRUSTED_PROXIES": "trusted_proxies",
    "LUMEN_OPERATOR_NETWORKS": "operator_networks",
    "LUMEN_RATE_LIMIT_SEARCH_PER_MINUTE": "rate_limit_search_per_minute",
    "LUMEN_RATE_LIMIT_LOCATION_PER_MINUTE": "rate_limit_location_per_minute",
    "LUMEN_RATE_LIMIT_WRITES_PER_MINUTE": "rate_limit_writes_per_minute",
    "LUMEN_RATE_LIMIT_UPLOADS_PER_MINUTE": "rate_limit_uploads_per_minute",
    "LUMEN_RATE_LIMIT_FAILED_AUTH_PER_MINUTE": "rate_limit_failed_auth_per_minute",
    "LUMEN_RATE_LIMIT_REPORTS_PER_HOUR": "rate_limit_reports_per_hour",
    "LUMEN_REPORTS_HOLD_THRESHOLD": "reports_hold_threshold",
}


class ConfigError(Exception):
    """Settings that Lumen must not start with."""


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    environment: Environment = "development"
    database_url: str = "postgresql+asyncpg://lumen:lumen@127.0.0.1:5432/lumen"
    redis_url: str = "redis://127.0.0.1:6379/0"
    search_engine: Engine = "elasticsearch"
    # One URL or several, comma-separated (the nodes of a cluster); empty means the local
    # stack's address of the engine chosen.
    search_url: str = ""
    # An Elasticsearch API key (the `encoded` value the create-API-key call returns), else
    # a user and password (basic auth, either engine). None is the local stack: no security.
    search_api_key: str | None = None
    search_username: str | None = None
    search_password: str | None = None
    # A PEM bundle of the CAs an https:// engine's certificate is checked against; unset
    # means the system's store. Certificates are always verified.
    search_ca_certs: Path | None = None
    search_timeout_s: float = 10.0
    index_prefix: str = "lumen"
    firebase_project_id: str = "demo-lumen"
    auth_emulator_host: str | None = None
    # Where ID-token signing certificates are fetched from; None means Google's.
    firebase_cert_url: str | None = None
    media_dir: Path = Path.home() / ".local/share/lumen/media"
    # A 24 MP camera JPEG is 10-20 MB and a 50 MP one about 35; bigger is a RAW or a mistake.
    max_upload_bytes: int = 40 * 1024 * 1024
    # Checked from the file header before any pixel is decoded.
    max_image_pixels: int = 100_000_000
    cors_origins: tuple[str, ...] = ("http://localhost:3000", "http://127.0.0.1:3000")
    secret_key: str = DEV_SECRET_KEY
    log_level: str = "INFO"
    # json or console; unset, JSON in production and readable lines elsewhere.
    log_format: Literal["json", "console", ""] = ""
    # SQL statements and engine calls slower than this are logged; 0 logs none.
    slow_sql_ms: float = 200.0
    slow_search_ms: float = 500.0
    # The OTLP/HTTP receiver (a collector) traces are sent to, e.g. http://127.0.0.1:4318;
    # empty: tracing is off, and nothing of it is installed (`lumen.tracing`).
    otlp_endpoint: str = ""
    # The share of the traces a process starts that it records; a request that arrives with
    # a traceparent follows its caller's decision.
    trace_sample_ratio: float = 1.0
    # Replicas of every index once loaded; a single-node cluster can place none.
    index_replicas: int = 0
    projector_batch_size: int = 500
    # Failed attempts after which an outbox event is dead until an operator replays it.
    projector_max_attempts: int = 8
    # Test knob: hold claimed rows this long after the bulk request, so a crash test can
    # kill the worker between writing documents and acknowledging the events.
    projector_pause_after_bulk_s: float = 0.0
    # How long anonymous discovery and search responses are reused; 0 turns caching off.
    query_cache_ttl_s: int = 10
    # Decoded-image memory one worker holds at once; a 100 MP RGBA photo takes ~900 MB.
    decode_memory_mb: int = 1024
    # Photo and file jobs one worker process runs at once; projections run beside them.
    worker_max_jobs: int = 10
    # The loopback port a worker serves its Prometheus metrics on; 0 serves none. Each
    # worker process on a host needs its own.
    worker_metrics_port: int = 9101
    # The API's /metrics and its per-request series; off, what they cost is measured
    # (bench/queries/metrics_cost.py).
    metrics_enabled: bool = True
    # A connection that has not finished its request line and headers in this time is
    # closed, and so is a fresh one that sends nothing (`lumen serve`, the server's own).
    header_read_timeout_s: float = 10.0
    # The server's buffer for the request line and headers; past it the answer is 431. It
    # is checked after each read, so a head arriving in one burst may pass it by a read.
    max_header_bytes: int = 64 * 1024
    # A request body is cut off (408) when no byte of it arrives for this long, or, past
    # that long, when it arrives slower than the rate below on average.
    body_idle_timeout_s: float = 15.0
    body_min_bytes_per_s: int = 1024
    # Forwarders whose X-Forwarded-For and -Proto are believed (addresses or networks).
    trusted_proxies: tuple[str, ...] = ("127.0.0.1",)
    # Clients here (the monitoring hosts) see health detail, /health/projections and
    # /metrics without a token; anyone else needs an admin's.
    operator_networks: tuple[str, ...] = ("127.0.0.0/8", "::1/128")
    # Requests per minute per bearer token (else per address); 0 turns a budget off. Searches
    # page and type ahead; location queries are few per screen and are what trilateration
    # would need many of.
    rate_limit_search_per_minute: int = 300
    rate_limit_location_per_minute: int = 60
    rate_limit_writes_per_minute: int = 120
    rate_limit_uploads_per_minute: int = 30
    rate_limit_failed_auth_per_minute: int = 30
    # Reports filed per hour per member: enough for a bad evening, too few to brigade with.
    rate_limit_reports_per_hour: int = 20
    # Distinct members whose open reports hold a target out of view pending review.
    reports_hold_threshold: int = 3

    def __post_init__(self) -> None:
        if not self.search_url:
            force_setattr(self, "search_url", DEFAULT_SEARCH_URLS[self.search_engine])
        if self.search_api_key and self.search_engine == "opensearch":
            # OpenSearch's security plugin has no Elasticsearch-style API keys.
            raise ConfigError(
                "LUMEN_SEARCH_API_KEY is for Elasticsearch; for OpenSearch set a user"
            )
        if self.otlp_endpoint and not self.otlp_endpoint.startswith(("http://", "https://")):
            raise ConfigError("OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL")
        if not 0.0 <= self.trace_sample_ratio <= 1.0:
            raise ConfigError("LUMEN_TRACE_SAMPLE_RATIO must be between 0 and 1")
        for network in self.operator_networks:
            try:
                ipaddress.ip_network(network, strict=False)
            except ValueError as exc:
                raise ConfigError(f"LUMEN_OPERATOR_NETWORKS: {exc}") from exc
        if self.environment != "production":
            return
        if self.auth_emulator_host:
            # With the emulator variable set, firebase-admin accepts unsigned tokens.
            raise ConfigError("FIREBASE_AUTH_EMULATOR_HOST must not be set in production")
        if self.firebase_cert_url:
            # Whoever serves these certificates can mint tokens Lumen accepts.
            raise ConfigError("LUMEN_FIREBASE_CERT_URL must not be set in production")
        if self.secret_key == DEV_SECRET_KEY or len(self.secret_key) < 32:
            raise ConfigError("LUMEN_SECRET_KEY must be set to 32+ characters in production")

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def log_json(self) -> bool:
        return self.log_format == "json" or (not self.log_format and self.is_production)

    @property
    def tracing(self) -> bool:
        return bool(self.otlp_endpoint)

    @property
    def search_urls(self) -> tuple[str, ...]:
        return tuple(url.strip() for url in self.search_url.split(",") if url.strip())


_LISTS = frozenset({"cors_origins", "trusted_proxies", "operator_networks"})


def _decode(kind: type, value: object) -> object:
    if kind is Path and isinstance(value, str):
        return Path(value).expanduser()
    raise NotImplementedError


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    source = os.environ if env is None else env
    raw: dict[str, object] = {}
    for name, field in ENV_NAMES.items():
        value = source.get(name)
        if value is None or value == "":
            continue
        raw[field] = (
            [v.strip() for v in value.split(",") if v.strip()] if field in _LISTS else value
        )
    try:
        return msgspec.convert(raw, Settings, strict=False, dec_hook=_decode)
    except msgspec.ValidationError as exc:
        raise ConfigError(f"invalid settings: {exc}") from exc
