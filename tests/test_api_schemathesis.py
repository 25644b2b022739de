"""Schemathesis over the service's OpenAPI: generated requests to every operation of a live
writable server (with the token, so writes are exercised too) never get a 5xx, and every
answer matches the documented status codes, media types and schemas.

The schema is the app's own OpenAPI (building the app opens nothing); the requests go to the
live server. The default run draws a few examples per operation; ``-m slow`` runs many more.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from test_api_support import TOKEN, LiveServer, build_store, settings_for

from api.app import create_app

pytestmark = pytest.mark.server

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HEALTH = list(HealthCheck)


@schemathesis.serializer("application/sparql-query", "application/sparql-update")
def _sparql_text(ctx: Any, value: Any) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else str(value).encode("utf-8")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = build_store(tmp_path_factory.mktemp("schemathesis") / "store")
    with LiveServer(settings_for(folder, token=TOKEN)) as live:
        yield live


schema = schemathesis.openapi.from_dict(create_app(settings_for(":memory:")).openapi())


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=HEALTH, derandomize=True)
def test_generated_requests_get_documented_answers(case: Any, server: LiveServer) -> None:
    case.call_and_validate(base_url=server.url, headers=AUTH, checks=CHECKS)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=150, deadline=None, suppress_health_check=HEALTH)
def test_many_generated_requests_get_documented_answers(case: Any, server: LiveServer) -> None:
    case.call_and_validate(base_url=server.url, headers=AUTH, checks=CHECKS)
