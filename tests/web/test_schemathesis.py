"""Schemathesis drives every operation in the OpenAPI description against a real server, signed
in with an API token of an editor (who may use every operation), and finds no server error nor
any answer the description does not allow."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.web import live
from tests.web.conftest import PASSWORD
from tests.web.fixtures import add_asylum_document


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = live.start(tmp_path_factory.mktemp("schemathesis"))
    accounts = running.app.state.accounts
    accounts.add_user("eddie", PASSWORD, "editor")
    add_asylum_document(running.store)
    _, running.token = accounts.create_token("eddie", "schemathesis")
    yield running
    running.stop()


def test_the_api_answers_every_generated_request_within_its_description(server):
    auth = {"Authorization": f"Bearer {server.token}"}
    schema = schemathesis.openapi.from_url(f"{server.url}/api/v1/openapi.json", headers=auth)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {operation.label for operation in operations} >= {"GET /api/v1/claims", "POST /api/v1/upload"}
    for operation in operations:
        # schemathesis' own pytest integration (`from_fixture`) does not run on pytest 9 yet,
        # so each operation's strategy is driven by Hypothesis directly.
        @given(case=operation.as_strategy())
        @settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(case):
            case.call_and_validate(base_url=server.url, headers=auth)

        check()
