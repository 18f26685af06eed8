"""Profile links: which are accepted, and the one form they are stored and shown in.

A link is shown to other members as something to follow, so it must lead where it reads:
http(s) only; no credentials (`https://bank.example@evil.example` reads as the bank); no
host on the reader's own machine or network (loopback, private, link-local: a router's
admin page, a local service); and nothing a client could take for the end of an HTML
attribute or a tag (quotes and angle brackets are percent-encoded)."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import quote, urlsplit, urlunsplit

MAX_LENGTH = 300
# RFC 3986's reserved and unreserved characters, and '%' so escapes stay as they are;
# everything else is percent-encoded. The apostrophe is left out on purpose.
_KEPT = "/:?#[]@!$&()*+,;=%-._~"
_HOST = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?")
# A last label like these makes a browser read the whole host as an IPv4 address
# (http://2130706433/ and http://0x7f.1/ are both 127.0.0.1).
_NUMERIC_LABEL = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)")


def normalise(link: str) -> str:
    """The link as stored and shown; ValueError says what is wrong with it."""
    link = link.strip()
    if len(link) > MAX_LENGTH:
        raise ValueError(f"links must be at most {MAX_LENGTH} characters")
    if any(ord(c) <= 32 or ord(c) == 127 or c == "\\" for c in link):
        raise ValueError("links must not contain spaces, control characters or backslashes")
    parts = urlsplit(link)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        raise ValueError("links must be absolute http(s) URLs")
    if "@" in parts.netloc:
        raise ValueError("links must not carry a user name or password")
    try:
        parts.port  # noqa: B018 - parsing it is the check
    except ValueError:
        raise ValueError("links must have a valid port") from None
    _check_host(parts.hostname or "")
    return urlunsplit(
        (
            parts.scheme.lower(),
            parts.netloc.lower(),
            quote(parts.path, safe=_KEPT),
            quote(parts.query, safe=_KEPT),
            quote(parts.fragment, safe=_KEPT),
        )
    )


def shown(links: list[str]) -> list[str]:
    """Links as a reader gets them: any stored before these rules that break them left out."""
    safe: list[str] = []
    for link in links:
        try:
            safe.append(normalise(link))
        except ValueError:
            continue
    return safe


def _check_host(host: str) -> None:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast:
            raise ValueError("links must not point to a local or private network address")
        return
    try:
        name = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise ValueError("links must have a valid host name") from None
    if not _HOST.fullmatch(name):
        raise ValueError("links must have a valid host name")
    labels = name.rstrip(".").split(".")
    if labels[-1] == "localhost":
        raise ValueError("links must not point to this machine (localhost)")
    if _NUMERIC_LABEL.fullmatch(labels[-1]):
        # Not a dotted quad ipaddress accepts, yet a browser would read it as an address.
        raise ValueError("links must name a host, or give a public IPv4 address in full")
