"""JSON request bodies: what a route with a JSON body accepts before any other work."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.exceptions import ClientException, HTTPException
from litestar.status_codes import HTTP_415_UNSUPPORTED_MEDIA_TYPE


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
            return await super().json()
        except RecursionError:
            raise ClientException("The JSON body is nested too deeply.") from None
        except UnicodeDecodeError:
            raise ClientException("The JSON body is not valid UTF-8.") from None
