from typing import Any

from arq.constants import health_check_key_suffix
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text

from lumen.app import create_app
from lumen.resources import Resources
from lumen.workers.queue import queue_name
from tests.conftest import make_settings
from tests.live import LiveServer
from tests.observed import observe


async def test_live_answers_without_touching_dependencies(
    client: AsyncTestClient[Litestar],
) -> None:
    response = await client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_ready_reports_every_dependency_up_with_latency(
    client: AsyncTestClient[Litestar], operator: dict[str, str]
) -> None:
    response = await client.get("/health/ready", headers=operator)
    assert response.status_code == 200
    checks = response.json()["checks"]
    assert set(checks) == {"postgres", "redis", "search", "auth_emulator"}
    for check in checks.values():
        assert check["status"] == "up"
        assert check["latency_ms"] >= 0


async def _event_waiting_since(res: Resources, seconds: int) -> None:
    async with res.db.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO outbox (aggregate_type, aggregate_id, aggregate_version, event_type,"
                " payload, attempts, occurred_at) VALUES ('profile', gen_random_uuid()::text, 1,"
                " 'ProfileCreated', '{}', 0, now() - make_interval(secs => :s))"
            ),
            {"s": seconds},
        )


async def _heartbeat(res: Resources) -> None:
    # What a running worker's arq writes every ten seconds.
    await res.redis.set(queue_name(res.settings) + health_check_key_suffix, "alive", px=60_000)


async def test_ready_shows_a_backlog_no_live_worker_drains_as_degraded(
    client: AsyncTestClient[Litestar], db: Resources, operator: dict[str, str]
) -> None:
    quiet = (await client.get("/health/ready", headers=operator)).json()
    assert quiet["status"] == "ok"
    assert quiet["projections"] == {
        "status": "draining",
        "pending": 0,
        "oldest_pending_age_s": None,
        "worker_alive": False,
    }
    await _event_waiting_since(db, 60)
    response = await client.get("/health/ready", headers=operator)
    # Still ready for traffic: queries serve from the index whether or not a worker runs.
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["projections"]["status"] == "stalled"
    assert body["projections"]["pending"] == 1
    assert body["projections"]["oldest_pending_age_s"] >= 60
    assert body["projections"]["worker_alive"] is False

    await _heartbeat(db)
    alive = (await client.get("/health/ready", headers=operator)).json()
    assert (alive["status"], alive["projections"]["status"]) == ("ok", "draining")
    assert alive["projections"]["worker_alive"] is True


async def test_ready_shows_a_live_worker_falling_behind(
    client: AsyncTestClient[Litestar], db: Resources, operator: dict[str, str]
) -> None:
    await _event_waiting_since(db, 600)
    await _heartbeat(db)
    body = (await client.get("/health/ready", headers=operator)).json()
    assert (body["status"], body["projections"]["status"]) == ("degraded", "behind")


async def _ready_with(
    headers: dict[str, str] | None = None, **overrides: str
) -> tuple[int, dict[str, Any]]:
    async with AsyncTestClient(app=create_app(make_settings(**overrides))) as client:
        response = await observe(client).get("/health/ready", headers=headers)
        assert response.headers["content-type"].startswith("application/problem+json")
        return response.status_code, response.json()


async def test_ready_is_503_naming_postgres_when_it_is_unreachable(
    operator: dict[str, str],
) -> None:
    status, body = await _ready_with(
        operator, LUMEN_DATABASE_URL="postgresql+asyncpg://lumen:lumen@127.0.0.1:1/lumen_test"
    )
    assert status == 503
    assert body["unavailable"] == ["postgres"]
    assert body["checks"]["redis"]["status"] == "up"


async def test_ready_is_503_naming_redis_when_it_is_unreachable(operator: dict[str, str]) -> None:
    status, body = await _ready_with(operator, LUMEN_REDIS_URL="redis://127.0.0.1:1/0")
    assert (status, body["unavailable"]) == (503, ["redis"])


async def test_ready_is_503_naming_the_search_engine_when_it_is_unreachable(
    operator: dict[str, str],
) -> None:
    status, body = await _ready_with(operator, LUMEN_SEARCH_URL="http://127.0.0.1:1")
    assert (status, body["unavailable"]) == (503, ["search"])


async def test_ready_is_503_without_detail_for_the_public(operator: dict[str, str]) -> None:
    # With the Auth emulator away, not even an admin's token can be checked: detail is then
    # for the operator networks only.
    status, body = await _ready_with(FIREBASE_AUTH_EMULATOR_HOST="127.0.0.1:1")
    assert status == 503
    assert body["detail"] == "unavailable"
    assert "checks" not in body
    assert "unavailable" not in body


async def test_ready_shows_the_public_only_its_status(
    client: AsyncTestClient[Litestar], db: Resources
) -> None:
    response = await client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {}, "projections": None}


async def test_projection_figures_are_for_operators_only(
    client: AsyncTestClient[Litestar], operator: dict[str, str]
) -> None:
    refused = await client.get("/health/projections")
    assert refused.status_code == 403
    assert refused.json()["type"] == "/problems/operators-only"
    assert (await client.get("/metrics")).status_code == 403
    assert (await client.get("/health/projections", headers=operator)).status_code == 200


async def test_from_loopback_an_operator_needs_no_token(live_server: LiveServer) -> None:
    async with live_server.client() as http:
        ready = (await http.get("/health/ready")).json()
        assert set(ready["checks"]) >= {"postgres", "redis", "search"}
        assert (await http.get("/health/projections")).status_code == 200
        assert (await http.get("/metrics")).status_code == 200


async def test_errors_are_problem_details_with_a_request_id(
    client: AsyncTestClient[Litestar],
) -> None:
    response = await client.get("/no/such/route", headers={"x-request-id": "abc-123"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["x-request-id"] == "abc-123"
    assert response.json()["type"] == "/problems/not-found"


async def test_openapi_is_served_with_three_renderers(client: AsyncTestClient[Litestar]) -> None:
    assert (await client.get("/schema/openapi.json")).status_code == 200
    for ui in ("swagger", "redoc", "scalar"):
        assert (await client.get(f"/schema/{ui}")).status_code == 200
