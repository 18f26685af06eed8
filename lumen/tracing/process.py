"""A process's tracing: its provider (service, sampler, exporter) and the libraries it
instruments, started only when an OTLP endpoint is configured. Nothing is installed
otherwise: no provider, no patched library, and Lumen's own spans are skipped.

The provider is the process's, handed to what traces rather than made global: the
engine clients' built-in spans (Elasticsearch's) read the global one and so stay off,
leaving one span per engine call, the port's, alike for both engines."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import version
from typing import TYPE_CHECKING

from opentelemetry.trace import Tracer

from lumen.settings import Settings

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SpanExporter

API_SERVICE = "lumen-api"
WORKER_SERVICE = "lumen-worker"


@dataclass(frozen=True, slots=True)
class Tracing:
    provider: TracerProvider
    # Lumen's own spans: the engine port's calls, projector batches, photo jobs.
    tracer: Tracer

    def stop(self) -> None:
        """Takes the instrumentation out again and sends the spans still waiting."""
        from opentelemetry.instrumentation.redis import RedisInstrumentor
        from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

        SQLAlchemyInstrumentor().uninstrument()
        RedisInstrumentor().uninstrument()
        self.provider.shutdown()


def traces_url(endpoint: str) -> str:
    # OTEL_EXPORTER_OTLP_ENDPOINT names the receiver; each signal has its path below it.
    return f"{endpoint.rstrip('/')}/v1/traces"


def start_tracing(
    settings: Settings, service: str, exporter: SpanExporter | None = None
) -> Tracing | None:
    """The process's tracing, exporting over OTLP in batches from a thread of their own, or
    each span as it ends to `exporter` when one is given; None when tracing is off."""
    if exporter is None and not settings.tracing:
        return None
    # Imported only here: with tracing off, not even the libraries are loaded.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.instrumentation.redis import RedisInstrumentor
    from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

    from lumen.tracing.sampling import sampler

    provider = TracerProvider(
        resource=Resource.create(
            {
                "service.name": service,
                "service.version": version("lumen"),
                "deployment.environment.name": settings.environment,
            }
        ),
        sampler=sampler(settings.trace_sample_ratio),
    )
    if exporter is None:
        otlp = OTLPSpanExporter(endpoint=traces_url(settings.otlp_endpoint))
        provider.add_span_processor(BatchSpanProcessor(otlp))
    else:
        provider.add_span_processor(SimpleSpanProcessor(exporter))
    # Every engine made from now on (lumen.db.engine) and every Redis client: statements
    # with their text but never their parameters, Redis commands with their arguments as ?.
    # The instrumentation names SQLAlchemy up to 2.0; the engine and pool events it listens
    # to are 2.1's too, and the tracing tests see its spans.
    SQLAlchemyInstrumentor().instrument(tracer_provider=provider, skip_dep_check=True)
    RedisInstrumentor().instrument(tracer_provider=provider)
    return Tracing(provider, provider.get_tracer("lumen"))
