"""Alembic driven from code, for `lumen migrate` and the tests."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

ALEMBIC_INI = Path(__file__).resolve().parents[2] / "alembic.ini"


def alembic_config(database_url: str, secret_key: str | None = None) -> Config:
    config = Config(str(ALEMBIC_INI))
    config.attributes["url"] = database_url
    config.attributes["configure_logger"] = False
    # Data migrations that read birth dates decrypt them with it (else the settings').
    config.attributes["secret_key"] = secret_key
    return config


def upgrade(database_url: str, revision: str = "head", secret_key: str | None = None) -> None:
    command.upgrade(alembic_config(database_url, secret_key), revision)


def downgrade(database_url: str, revision: str, secret_key: str | None = None) -> None:
    command.downgrade(alembic_config(database_url, secret_key), revision)
