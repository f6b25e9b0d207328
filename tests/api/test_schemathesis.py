"""Property-based run of the whole OpenAPI schema against the WSGI application.

Every operation is called with generated data, as a coordinator and as an
officer (token authentication): no answer may be a server error, and every
answer must match the schema (status, headers, body). Examples per operation:
``SCHEMATHESIS_MAX_EXAMPLES`` (25 by default; CI sets 100).
"""

import json
import os

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from initiatives.api.tokens import api_token_create
from initiatives.models import Ambition, Organization, Plan
from tests.factories import InitiativeFactory

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "25"))
UNTHROTTLED = {"api": None, "api_auth_failure": None}

# Not checked: the API refuses (400) filter values and ids that name no object,
# which a schema cannot express ("schema-valid request rejected"), and it reads
# some values leniently as DRF and django-filter do (the number 3 as the text
# "3", "null" as no filter: "schema-violating request accepted").
LENIENT_ON_PURPOSE = [positive_data_acceptance, negative_data_rejection]

pytestmark = [pytest.mark.schemathesis, pytest.mark.django_db]


@pytest.fixture(params=["coordinator", "mcc_officer"])
def authorization(request, settings, db):
    """Return the Authorization header of the persona, on the reference data.

    The reference data comes first: the persona fixtures find its MCC, and no
    factory plan takes the fixture's plan name under another primary key.
    """
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": UNTHROTTLED}
    call_command("load_reference_data", verbosity=0)
    InitiativeFactory.create_batch(
        3,
        plan=Plan.objects.get(is_current=True),
        lead_organization=Organization.objects.get(acronym="MCC"),
        ambition=Ambition.objects.get(number=1),
    )
    user = request.getfixturevalue(request.param)
    _token, secret = api_token_create(user=user, name="schemathesis")
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture(autouse=True)
def connection_kept_open():
    """Keep the test's database connection across WSGI requests, as Django's test client does.

    Schemathesis calls the WSGI application directly: at the end of each request
    Django would close the connection, and with it the test's transaction.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def load_schema():
    """Return the schema the application serves, called through the WSGI application.

    It is generated at collection time, where the database is out of reach
    (schemathesis' fixture-based loading does not work with pytest 9).
    """
    document = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(document)))
    loaded.app = get_wsgi_application()
    return loaded


schema = load_schema()


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_conforms_to_its_schema_and_never_fails(case, authorization):
    case.call_and_validate(headers=authorization, excluded_checks=LENIENT_ON_PURPOSE)
