"""Every answer the test suite observed is one the OpenAPI document lists: its status,
its problem type, the headers a client reads. A new status, type or header in the code
without its place in the document fails here."""

from __future__ import annotations

import pytest

from lumen.app import create_app
from lumen.openapi.document import document
from tests.conftest import make_settings
from tests.observed import SEEN, Document, Seen


def test_an_undocumented_answer_is_a_fault() -> None:
    doc = Document(document(create_app(make_settings())))
    seen = [
        Seen("GET", "/v1/me", 418, None, "text/plain"),
        Seen("GET", "/v1/me", 401, "/problems/made-up", "application/problem+json"),
        Seen("GET", "/v1/me", 401, None, "application/json"),
        Seen("GET", "/v1/me", 200, None, "application/json", frozenset({"location"})),
    ]
    faults = [fault for one in seen for fault in doc.faults(one)]
    assert len(faults) == 4, faults


def test_every_answer_the_suite_observed_is_documented() -> None:
    if not SEEN:
        pytest.skip("nothing observed: this test checks what the rest of the suite saw")
    doc = Document(document(create_app(make_settings())))
    faults = sorted({fault for seen in SEEN for fault in doc.faults(seen)})
    assert faults == [], "\n".join(faults)
