"""Who may see what only operators need — each dependency's detail, index names, the
projector's figures, the metrics: a request from an operator network (the monitoring
hosts; loopback by default), or one carrying an admin's token."""

from __future__ import annotations

import ipaddress
from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler

from lumen.auth.errors import Forbidden
from lumen.auth.tokens import bearer_token, verify
from lumen.resources import Resources


class OperatorsOnly(Forbidden):
    pass


def _from_operator_network(connection: ASGIConnection[Any, Any, Any, Any], networks: Any) -> bool:
    # The address as the proxy-headers wrapper set it: a trusted forwarder's client.
    host = connection.client.host if connection.client else ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(n, strict=False) for n in networks)


async def is_operator(connection: ASGIConnection[Any, Any, Any, Any]) -> bool:
    resources: Resources = connection.app.state.resources
    settings = resources.settings
    if _from_operator_network(connection, settings.operator_networks):
        return True
    token = bearer_token(connection.headers.get("authorization"))
    return token is not None and (await verify(token, settings)).is_admin


async def operators_only(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    """A guard: from an operator network or with an admin's token, else 403."""
    if not await is_operator(connection):
        raise OperatorsOnly(
            "Only operators may see this: from an operator network or with an admin's token."
        )
