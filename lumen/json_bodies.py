"""JSON request bodies: what a route with a JSON body accepts before any other work."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.exceptions import ClientException, HTTPException
from litestar.status_codes import HTTP_415_UNSUPPORTED_MEDIA_TYPE

from lumen.validation import FieldError, field_errors

# Where the decoded body is kept for `body_errors` (the request's state lives in its scope).
_BODY = "lumen.json_body"


def is_json(content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


class JsonBodyRequest(Request[Any, Any, Any]):
    """Litestar reads a JSON body through `json()` only: refusing here covers every route.

    msgspec lets a RecursionError (a body nested ~1,000 levels deep) and a
    UnicodeDecodeError (invalid UTF-8 inside a string) through as they are; both are the
    client's mistake and answer 400, never 500."""

    async def json(self) -> Any:
        if not is_json(self.headers.get("content-type", "")):
            raise HTTPException(
                status_code=HTTP_415_UNSUPPORTED_MEDIA_TYPE,
                detail="Send the body as application/json.",
            )
        try:
            body = await super().json()
        except RecursionError:
            raise ClientException("The JSON body is nested too deeply.") from None
        except UnicodeDecodeError:
            raise ClientException("The JSON body is not valid UTF-8.") from None
        self.state[_BODY] = body
        return body


def body_errors(request: Request[Any, Any, Any]) -> list[FieldError]:
    """Every field error of a body the framework refused, each named by its path.

    The framework stops at the first error and names only `data`; its check runs after
    the caller's identity is settled, which is why the body is walked again only here."""
    data = request.route_handler.parsed_fn_signature.parameters.get("data")
    if data is None or _BODY not in request.state:
        return []
    return field_errors(data.annotation, request.state[_BODY])
