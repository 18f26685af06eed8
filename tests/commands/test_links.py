"""Profile links lead where they read: no credentials, nothing on the reader's own machine
or network, and nothing a client could take for the end of an attribute."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from litestar import Litestar
from litestar.testing import AsyncTestClient

from lumen.commands import fields
from lumen.links import normalise, shown
from lumen.resources import Resources
from tests.members import Register

REFUSED = [
    "https://user:secret@photos.example/",
    "https://bank.example@evil.example/",
    "http://localhost:8000/admin",
    "http://studio.localhost/",
    "http://127.0.0.1/",
    "http://10.1.2.3/",
    "http://192.168.0.1/",
    "http://172.16.0.1/",
    "http://169.254.169.254/latest/meta-data",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://[::1]/",
    "http://[fe80::1]/",
    "http://[::ffff:10.0.0.1]/",
    "http://2130706433/",
    "http://0x7f.1/",
    "https://photos.example\\@evil.example/",
    "https://photos.example/a b",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("link", REFUSED)
def test_credentials_and_local_hosts_are_refused(link: str) -> None:
    with pytest.raises(ValueError, match="links"):
        normalise(link)


def test_quotes_and_angle_brackets_are_percent_encoded_and_public_hosts_kept() -> None:
    assert normalise('HTTPS://Ana.Example/it\'s"<b>?q="x"') == (
        "https://ana.example/it%27s%22%3Cb%3E?q=%22x%22"
    )
    assert normalise("http://93.184.216.34/portfolio") == "http://93.184.216.34/portfolio"


def test_links_stored_before_the_rules_are_not_shown() -> None:
    assert shown(["https://ok.example/", "http://127.0.0.1/", 'https://a.example/"x']) == [
        "https://ok.example/",
        "https://a.example/%22x",
    ]


@given(st.lists(st.text(max_size=80), max_size=12))
def test_an_accepted_link_carries_no_quote_bracket_space_or_credentials(raw: list[str]) -> None:
    try:
        links = fields.links(raw)
    except ValueError:
        return
    for link in links:
        assert not set(link) & set("\"'<>` \\")
        assert "@" not in link.split("/")[2]


async def test_a_link_with_credentials_gets_a_field_error(
    client: AsyncTestClient[Litestar], db: Resources, register: Register
) -> None:
    _, headers = await register()
    body = {"display_name": "A", "links": ["https://me:pw@ana.example"]}
    response = await client.post("/v1/profiles", json=body, headers=headers)
    assert response.status_code == 422
    assert "user name or password" in response.text
