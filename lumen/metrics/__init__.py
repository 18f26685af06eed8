"""Lumen's Prometheus series, one module per part of the system that records them; each
series is defined once, at import, in prometheus-client's default registry. Label values
come from short fixed sets (route templates, operations, outcomes), never from ids."""

from prometheus_client import disable_created_metrics

# The `_created` sample of every series doubles what a scrape carries; nothing reads it.
disable_created_metrics()  # type: ignore[no-untyped-call]
