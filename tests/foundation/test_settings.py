import subprocess
import sys

import pytest

from lumen.settings import ConfigError, load_settings

STRONG_KEY = "k" * 40


def test_production_refuses_the_auth_emulator_variable() -> None:
    with pytest.raises(ConfigError, match="FIREBASE_AUTH_EMULATOR_HOST"):
        load_settings(
            {
                "LUMEN_ENV": "production",
                "LUMEN_SECRET_KEY": STRONG_KEY,
                "FIREBASE_AUTH_EMULATOR_HOST": "127.0.0.1:9099",
            }
        )


def test_production_refuses_the_development_secret() -> None:
    with pytest.raises(ConfigError, match="LUMEN_SECRET_KEY"):
        load_settings({"LUMEN_ENV": "production"})


def test_production_starts_with_a_real_secret_and_no_emulator() -> None:
    assert load_settings({"LUMEN_ENV": "production", "LUMEN_SECRET_KEY": STRONG_KEY}).is_production


def test_unknown_environment_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        load_settings({"LUMEN_ENV": "staging"})


def test_cors_origins_are_a_comma_separated_list() -> None:
    settings = load_settings({"LUMEN_CORS_ORIGINS": "https://a.example, https://b.example"})
    assert settings.cors_origins == ("https://a.example", "https://b.example")


def test_the_engine_is_elasticsearch_at_the_local_stacks_address_unless_told() -> None:
    default = load_settings({})
    assert (default.search_engine, default.search_urls) == (
        "elasticsearch",
        ("http://127.0.0.1:9201",),
    )
    assert load_settings({"LUMEN_SEARCH_ENGINE": "opensearch"}).search_urls == (
        "http://127.0.0.1:9200",
    )


def test_a_cluster_is_given_as_comma_separated_nodes() -> None:
    settings = load_settings({"LUMEN_SEARCH_URL": "https://es-1:9200, https://es-2:9200,"})
    assert settings.search_urls == ("https://es-1:9200", "https://es-2:9200")


def test_an_unknown_engine_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        load_settings({"LUMEN_SEARCH_ENGINE": "solr"})


def test_an_api_key_is_refused_for_opensearch_which_has_none() -> None:
    with pytest.raises(ConfigError, match="LUMEN_SEARCH_API_KEY"):
        load_settings({"LUMEN_SEARCH_ENGINE": "opensearch", "LUMEN_SEARCH_API_KEY": "a2V5"})


def test_lumen_serve_exits_nonzero_in_production_with_the_emulator_variable() -> None:
    env = {
        "LUMEN_ENV": "production",
        "LUMEN_SECRET_KEY": STRONG_KEY,
        "FIREBASE_AUTH_EMULATOR_HOST": "127.0.0.1:9099",
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(
        [sys.executable, "-m", "lumen.cli", "serve", "--port", "8999"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "FIREBASE_AUTH_EMULATOR_HOST" in done.stderr
