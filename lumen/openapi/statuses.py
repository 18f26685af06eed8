"""Which problems each operation can answer, derived from what its handler asks for.

A route's dependencies say who may call it (`account` refuses the unregistered and the
suspended, `editor` whoever is not the owner), its parameters and body what can be
malformed, its headers which preconditions it checks; the failures of the rules it runs
are declared once on the route with `opt=raises(...)`. `lumen.problems` gives each failure
its status and type, so the documented statuses are the ones the code answers with."""

from __future__ import annotations

from collections.abc import Iterator

from litestar.constants import RESERVED_KWARGS
from litestar.handlers import HTTPRouteHandler
from litestar.params import BodyKwarg, HeaderParameter, ParameterKwarg
from litestar.typing import FieldDefinition

from lumen.auth import errors as auth
from lumen.auth.guards import NotOwner
from lumen.commands import errors as commands
from lumen.errors import DomainError, Problem
from lumen.http import RAISES
from lumen.problems import HTTP_PROBLEMS, problem_for

# What each injected dependency may refuse a request with (its own dependencies add theirs).
DEPENDENCY_RAISES: dict[str, tuple[type[DomainError], ...]] = {
    "caller": (auth.InvalidToken, auth.ExpiredToken, auth.RevokedToken, auth.AuthUnavailable),
    "account": (auth.Unauthenticated, auth.RegistrationRequired, auth.AccountSuspended),
    # A member reading their own things: suspension refuses writes only.
    "reader": (auth.Unauthenticated, auth.RegistrationRequired),
    "admin": (auth.Unauthenticated, auth.AdminRequired),
    "editor": (NotOwner,),
    "commands": (commands.Busy,),
}
# The request headers whose checks can refuse a request.
HEADER_RAISES: dict[str, tuple[type[DomainError], ...]] = {
    "if-match": (commands.StaleVersion,),
    "idempotency-key": (commands.IdempotencyKeyReused, commands.InvalidInput),
}
# A JSON body can be unreadable (400), of another media type (415) or invalid (422).
BODY = (HTTP_PROBLEMS[400], HTTP_PROBLEMS[415], HTTP_PROBLEMS[422])
# Any request may spend a budget (a member's writes or searches, an address's failed
# sign-ins); budgets are set per deployment, so every operation documents 429.
TOO_MANY = HTTP_PROBLEMS[429]
_CONSTRAINTS = ("gt", "ge", "lt", "le", "min_length", "max_length", "pattern", "max_items")


class Signature:
    """What a handler asks for: its own parameters and, transitively, its dependencies'."""

    def __init__(self, handler: HTTPRouteHandler, path: set[str]) -> None:
        provided = handler.resolve_dependencies()
        self.handler = handler
        self.path = path
        self.dependencies: set[str] = set()
        self.parameters: dict[str, FieldDefinition] = {}
        pending = list(handler.parsed_fn_signature.parameters.items())
        while pending:
            name, definition = pending.pop()
            if name in provided:
                if name not in self.dependencies:
                    self.dependencies.add(name)
                    pending += provided[name].parsed_fn_signature.parameters.items()
            elif name not in self.parameters:
                self.parameters[name] = definition

    @property
    def checked(self) -> list[FieldDefinition]:
        """Query and header parameters; a path parameter that does not parse matches no route."""
        return [
            d for n, d in self.parameters.items() if n not in RESERVED_KWARGS and n not in self.path
        ]

    @property
    def headers(self) -> set[str]:
        """The request headers it reads, lower-cased."""
        return {name.lower() for d in self.parameters.values() if (name := _header(d))}

    @property
    def has_body(self) -> bool:
        data = self.parameters.get("data")
        return data is not None and isinstance(data.kwarg_definition, BodyKwarg)

    @property
    def takes_token(self) -> bool:
        return "caller" in self.dependencies

    def failures(self) -> Iterator[type[DomainError] | Problem]:
        for name in self.dependencies:
            yield from DEPENDENCY_RAISES.get(name, ())
        for header in self.headers:
            yield from HEADER_RAISES.get(header, ())
        for layer in self.handler.ownership_layers:
            yield from (layer.opt or {}).get(RAISES, ())

    def problems(self, uuid_path: bool) -> list[Problem]:
        """Every problem the operation can answer, by status then type."""
        found = {f if isinstance(f, Problem) else problem_for(f) for f in self.failures()}
        found.add(TOO_MANY)
        if self.has_body:
            found.update(BODY)
        if any(_can_fail(d) for d in self.checked):
            found.add(HTTP_PROBLEMS[422])
        if uuid_path:  # a path segment that is not a uuid matches no resource
            found.add(HTTP_PROBLEMS[404])
        return sorted(found, key=lambda p: (p.status, p.slug))

    @property
    def needs_token(self) -> bool:
        return auth.Unauthenticated in set(self.failures())


def _header(definition: FieldDefinition) -> str | None:
    kwarg = definition.kwarg_definition
    if isinstance(kwarg, HeaderParameter):
        return kwarg.name or definition.name
    return kwarg.header if isinstance(kwarg, ParameterKwarg) else None


def _can_fail(definition: FieldDefinition) -> bool:
    """Whether the framework can refuse this query or header parameter's value (422)."""
    kwarg = definition.kwarg_definition
    constrained = kwarg is not None and any(
        getattr(kwarg, c, None) is not None for c in _CONSTRAINTS
    )
    plain_text = definition.annotation is str or (
        definition.is_optional and definition.inner_types[0].annotation is str
    )
    return constrained or definition.is_required or not plain_text
