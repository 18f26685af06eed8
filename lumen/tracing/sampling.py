"""Which traces are recorded. A span with a parent follows its parent's decision (a request's
caller, a photo job's upload). A span that starts a trace is recorded at the sample ratio,
with two exceptions: a database or Redis call outside any request or job (a worker's
polling, an idle projector's claim, a scheduled job's statements) starts none, and a
projector batch is recorded whenever a request it links to was, so the link leads
somewhere."""

from __future__ import annotations

from collections.abc import Sequence

from opentelemetry.context import Context
from opentelemetry.sdk.trace.sampling import (
    Decision,
    ParentBased,
    Sampler,
    SamplingResult,
    TraceIdRatioBased,
)
from opentelemetry.trace import Link, SpanKind
from opentelemetry.trace.span import TraceState
from opentelemetry.util.types import Attributes


class TraceRoots(Sampler):
    def __init__(self, ratio: float) -> None:
        self._ratio = TraceIdRatioBased(ratio)

    def should_sample(
        self,
        parent_context: Context | None,
        trace_id: int,
        name: str,
        kind: SpanKind | None = None,
        attributes: Attributes = None,
        links: Sequence[Link] | None = None,
        trace_state: TraceState | None = None,
    ) -> SamplingResult:
        if kind is SpanKind.CLIENT:
            return SamplingResult(Decision.DROP)
        if links and any(link.context.trace_flags.sampled for link in links):
            return SamplingResult(Decision.RECORD_AND_SAMPLE, attributes)
        return self._ratio.should_sample(
            parent_context, trace_id, name, kind, attributes, links, trace_state
        )

    def get_description(self) -> str:
        return f"TraceRoots{{{self._ratio.get_description()}}}"


def sampler(ratio: float) -> Sampler:
    return ParentBased(root=TraceRoots(ratio))
