"""Generic API tests, inherited per viewset as NetBox does.

A test class declares ``url_name`` (``"initiatives-api:organization"``) and three
fixtures: ``make`` (a callable creating one sample object), ``create_data`` and
``update_data`` (valid bodies for POST and PATCH). Personas come from
tests/conftest.py; ``api(user)`` gives a client authenticated by a fresh token.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

HUGE_ID = 10**30


class Urls:
    url_name: str

    def list_url(self) -> str:
        return reverse(f"{self.url_name}-list")

    def detail_url(self, obj_or_pk) -> str:
        return reverse(f"{self.url_name}-detail", args=[getattr(obj_or_pk, "pk", obj_or_pk)])


def assert_error(response, status: int) -> dict:
    """Check the API's one error shape; return its body."""
    assert response.status_code == status, response.content[:500]
    body = response.json()
    assert set(body) == {"detail", "errors", "status"}
    assert body["status"] == status and body["detail"]
    return body


class ReadTests(Urls):
    #: Two numbers of objects at which the list must cost the same queries.
    sizes = (2, 12)

    def test_anonymous_requests_get_401_with_a_bearer_challenge(self, api, make):
        obj = make()
        for url in (self.list_url(), self.detail_url(obj)):
            response = api().get(url)
            assert_error(response, 401)
            assert response["WWW-Authenticate"].startswith("Bearer")

    def test_a_user_without_a_role_gets_403(self, api, outsider, make):
        assert_error(api(outsider).get(self.detail_url(make())), 403)

    def test_a_reader_lists_and_reads(self, api, manager, make):
        obj = make()
        client = api(manager)
        listed = client.get(self.list_url())
        assert listed.status_code == 200
        assert obj.pk in [row["id"] for row in listed.json()["results"]]
        assert client.get(self.detail_url(obj)).json()["id"] == obj.pk

    @pytest.mark.parametrize("pk", ["abc", "0.5", HUGE_ID, 0])
    def test_an_unknown_id_answers_404_in_json(self, api, manager, pk):
        assert_error(api(manager).get(self.detail_url(pk)), 404)

    def test_a_page_out_of_range_answers_404_in_json(self, api, manager, make):
        make()
        for page in ("99", "0", "abc", str(HUGE_ID)):
            assert_error(api(manager).get(self.list_url(), {"page": page}), 404)

    @pytest.mark.parametrize("page_size", ["0", "501", "abc", str(HUGE_ID)])
    def test_a_page_size_out_of_range_answers_400(self, api, manager, page_size):
        body = assert_error(api(manager).get(self.list_url(), {"page_size": page_size}), 400)
        assert "page_size" in body["errors"]

    def test_the_list_takes_a_constant_number_of_queries(self, api, manager, make):
        client = api(manager)
        make()
        client.get(self.list_url())  # the token's first use is recorded once
        counts = []
        for size in self.sizes:
            while client.get(self.list_url()).json()["count"] < size:
                make()
            with CaptureQueriesContext(connection) as queries:
                assert client.get(self.list_url()).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1], counts


class WriteTests(Urls):
    """Writes need the model's add/change/delete (or archive) permission."""

    #: The personas that may read but must not write.
    readers = ("manager",)
    #: Text fields a NUL byte must not reach (the database would refuse it).
    text_fields: tuple[str, ...] = ()

    def test_anonymous_writes_get_401(self, api, make, create_data, update_data):
        obj = make()
        client = api()
        assert_error(client.post(self.list_url(), create_data), 401)
        assert_error(client.patch(self.detail_url(obj), update_data), 401)
        assert_error(client.delete(self.detail_url(obj)), 401)

    def test_readers_get_403_on_every_write(self, api, request, make, create_data, update_data):
        obj = make()
        for persona in self.readers:
            client = api(request.getfixturevalue(persona))
            assert_error(client.post(self.list_url(), create_data), 403)
            assert_error(client.put(self.detail_url(obj), create_data), 403)
            assert_error(client.patch(self.detail_url(obj), update_data), 403)
            assert_error(client.delete(self.detail_url(obj)), 403)

    def test_a_coordinator_creates_and_updates(self, api, coordinator, create_data, update_data):
        client = api(coordinator)
        created = client.post(self.list_url(), create_data)
        assert created.status_code == 201, created.json()
        updated = client.patch(self.detail_url(created.json()["id"]), update_data)
        assert updated.status_code == 200, updated.json()
        for name, value in update_data.items():
            assert updated.json()[name] == value

    def test_invalid_data_answers_400_with_messages_per_field(self, api, coordinator, make):
        obj = make()
        body = dict.fromkeys(self.text_fields, "\x00")
        response = api(coordinator).patch(self.detail_url(obj), body)
        errors = assert_error(response, 400)["errors"]
        assert set(self.text_fields) <= set(errors)


class OrganisationScopedWriteTests(Urls):
    """Officers write only their organisations' objects; others' answer 404."""

    def test_an_officer_of_another_organisation_gets_404(
        self, api, banq_officer, make, create_data, update_data
    ):
        obj = make()  # led by the MCC
        client = api(banq_officer)
        assert_error(client.patch(self.detail_url(obj), update_data), 404)
        assert_error(client.put(self.detail_url(obj), create_data), 404)

    def test_an_officer_writes_their_own_organisations(self, api, mcc_officer, make, update_data):
        response = api(mcc_officer).patch(self.detail_url(make()), update_data)
        assert response.status_code == 200, response.json()

    def test_an_officer_cannot_create_for_another_organisation(
        self, api, banq_officer, create_data
    ):
        body = assert_error(api(banq_officer).post(self.list_url(), create_data), 403)
        assert "organisation" in body["detail"]


class HistoryTests(Urls):
    """Every write leaves exactly one history record naming the token's user."""

    def test_each_write_records_one_history_entry_by_the_token_user(
        self, api, mcc_officer, make, update_data
    ):
        obj = make()
        before = obj.history.count()
        api(mcc_officer).patch(self.detail_url(obj), update_data)
        assert obj.history.count() == before + 1
        assert obj.history.latest("history_id").history_user == mcc_officer
        entries = api(mcc_officer).get(f"{self.detail_url(obj)}history/").json()
        assert entries[0]["user"] == mcc_officer.username
        assert entries[0]["changes"]


class ETagTests(Urls):
    """GET gives an ETag; a stale If-Match answers 412 and writes nothing."""

    def test_a_stale_if_match_answers_412_and_a_fresh_one_succeeds(
        self, api, coordinator, make, update_data
    ):
        obj = make()
        client = api(coordinator)
        etag = client.get(self.detail_url(obj))["ETag"]
        first = client.patch(self.detail_url(obj), update_data, HTTP_IF_MATCH=etag)
        assert first.status_code == 200 and first["ETag"] != etag
        stale = client.patch(self.detail_url(obj), {"title": "Autre"}, HTTP_IF_MATCH=etag)
        assert "modifiée" in assert_error(stale, 412)["detail"]
        assert stale["ETag"] == first["ETag"]
        assert client.delete(self.detail_url(obj), HTTP_IF_MATCH=etag).status_code == 412
        fresh = client.patch(self.detail_url(obj), {"title": "Autre"}, HTTP_IF_MATCH=first["ETag"])
        assert fresh.status_code == 200

    def test_a_write_without_if_match_is_accepted(self, api, coordinator, make, update_data):
        response = api(coordinator).patch(self.detail_url(make()), update_data)
        assert response.status_code == 200
