"""Traces with OpenTelemetry, exported over OTLP when `OTEL_EXPORTER_OTLP_ENDPOINT` is set
and entirely absent otherwise: the process's provider and instrumentation (`process`), which
traces are kept (`sampling`), the API's server spans (`http`) and Lumen's own (`spans`)."""
