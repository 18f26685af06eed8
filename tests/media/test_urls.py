import pytest

from lumen.media.urls import (
    PUBLIC_BUCKET_S,
    RESTRICTED_BUCKET_S,
    Scope,
    UrlExpired,
    UrlInvalid,
    variant_url,
    verify,
)

SECRET = "a-test-secret-of-thirty-two-chars!!"
KEY = "ab" * 32 + ".webp"
NOW = 1_800_000_123.0


def parts(url: str) -> dict[str, str]:
    path, query = url.split("?")
    found = dict(part.split("=", 1) for part in query.split("&"))
    found["key"] = path.rsplit("/", 1)[1]
    return found


def check(url: str, now: float = NOW, secret: str = SECRET) -> Scope:
    p = parts(url)
    return verify(secret, p["key"], p["scope"], p["exp"], p["sig"], now).scope


def test_urls_made_within_one_bucket_are_the_same_url() -> None:
    assert variant_url(SECRET, KEY, "public", NOW) == variant_url(SECRET, KEY, "public", NOW + 60)
    later = NOW + 2 * PUBLIC_BUCKET_S
    assert variant_url(SECRET, KEY, "public", NOW) != variant_url(SECRET, KEY, "public", later)


@pytest.mark.parametrize(
    ("visibility", "scope", "bucket"),
    [
        ("public", Scope.PUBLIC, PUBLIC_BUCKET_S),
        ("followers", Scope.RESTRICTED, RESTRICTED_BUCKET_S),
        ("private", Scope.RESTRICTED, RESTRICTED_BUCKET_S),
    ],
)
def test_a_url_lives_between_one_and_two_buckets(
    visibility: str, scope: Scope, bucket: int
) -> None:
    url = variant_url(SECRET, KEY, visibility, NOW)
    assert check(url) is scope
    assert bucket < int(parts(url)["exp"]) - NOW <= 2 * bucket
    with pytest.raises(UrlExpired):
        check(url, now=NOW + 2 * bucket)


def test_another_secret_or_key_does_not_verify() -> None:
    url = variant_url(SECRET, KEY, "public", NOW)
    with pytest.raises(UrlInvalid):
        check(url, secret=SECRET + "x")
    with pytest.raises(UrlInvalid):
        check(url.replace(KEY, "cd" * 32 + ".webp"))


@pytest.mark.parametrize(("scope", "expires"), [("x", "1"), ("p", "soon"), ("", "")])
def test_malformed_parts_are_invalid_not_errors(scope: str, expires: str) -> None:
    with pytest.raises(UrlInvalid):
        verify(SECRET, KEY, scope, expires, "sig", NOW)
