"""The portfolio as open data: public JSON and CSV, and the page that describes them.

No login (the rest of the site requires one), no personal data: only the fields
of initiatives.exchange.open_fields, of every initiative that is not archived, or
of the rows of a published plan version (``?version=<id>``). The ETag is a hash
of the rows, so that a client that already holds them gets a 304.
"""

import csv
import hashlib
import io
import json
from dataclasses import dataclass

from django.contrib.auth.decorators import login_not_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from initiatives.choices import OrganizationKind
from initiatives.exchange.layout import LAYOUT_LANGUAGE, PREFETCHED, RELATED
from initiatives.exchange.open_fields import (
    PUBLIC_FIELDS,
    csv_value,
    entry_record,
    initiative_record,
)
from initiatives.models import Initiative, Organization
from roadmap.models import PlanVersion

LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "spdx": "CC-BY-4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/deed.fr",
}
DEFAULT_PUBLISHER = "Ministère de la Culture et des Communications"
CURRENT_MAX_AGE = 300
VERSION_MAX_AGE = 24 * 3600  # a published version never changes
INITIATIVE_RELATED = ("plan", *RELATED)
ENTRY_RELATED = (
    "version__plan",
    "lead_organization",
    "ambition",
    "theme__parent",
    "mutualisation_level",
)


def published_versions():
    return PlanVersion.objects.filter(published_at__isnull=False).select_related("plan")


@dataclass
class Dataset:
    """The rows of the current state (``version`` None) or of one published version."""

    version: PlanVersion | None

    def records(self) -> list[dict]:
        with translation.override(LAYOUT_LANGUAGE):
            if self.version is None:
                return [initiative_record(initiative) for initiative in _current_initiatives()]
            entries = self.version.entries.select_related(*ENTRY_RELATED).order_by("code")
            return [entry_record(entry) for entry in entries]

    def metadata(self, request, records: list[dict]) -> dict:
        demo_count = sum(1 for record in records if record["demonstration"])
        dictionary = request.build_absolute_uri(reverse("open_data:dictionary"))
        return {
            "title": _(
                "Initiatives du Plan de transformation numérique du portefeuille Culture et Communications"
            ),
            "publisher": _publisher(),
            "licence": LICENCE,
            "source": dictionary,
            "data_dictionary": dictionary,
            "generated_at": timezone.now().isoformat(timespec="seconds"),
            "version": self.version_metadata(),
            "count": len(records),
            "demonstration_count": demo_count,
            "demonstration_note": _demo_note() if demo_count else None,
            "fields": [field.name for field in PUBLIC_FIELDS],
        }

    def version_metadata(self) -> dict | None:
        if self.version is None:
            return None
        return {
            "id": self.version.pk,
            "name": self.version.name,
            "plan": self.version.plan.name,
            "published_on": self.version.published_on.isoformat(),
        }


def _current_initiatives():
    return (
        Initiative.objects.active()
        .select_related(*INITIATIVE_RELATED)
        .prefetch_related(*PREFETCHED)
        .order_by("lead_organization__sort_order", "code")
    )


def _publisher() -> str:
    ministry = Organization.objects.filter(kind=OrganizationKind.MINISTRY).order_by("sort_order")
    return ministry.values_list("name", flat=True).first() or DEFAULT_PUBLISHER


def _demo_note() -> str:
    return _(
        "Les lignes marquées « demonstration » sont fictives : elles ne décrivent pas le portefeuille réel."
    )


def _dataset(request) -> Dataset:
    raw = request.GET.get("version")
    if raw is None:
        return Dataset(version=None)
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        raise Http404(_("Version du plan inconnue."))
    version = published_versions().filter(pk=int(raw)).first()
    if version is None:
        raise Http404(_("Version du plan inconnue."))
    return Dataset(version=version)


def _serve(request, build) -> HttpResponse:
    """Answer 304 to a client that holds these rows, else the response ``build`` makes."""
    dataset = _dataset(request)
    records = dataset.records()
    digest = json.dumps([dataset.version_metadata(), records], cls=DjangoJSONEncoder)
    etag = f'"{hashlib.sha256(digest.encode()).hexdigest()[:32]}"'
    modified = None
    if dataset.version is not None:
        modified = int(dataset.version.published_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    response = response or build(request, dataset, records)
    response["ETag"] = etag
    if modified:
        response["Last-Modified"] = http_date(modified)
    max_age = VERSION_MAX_AGE if dataset.version else CURRENT_MAX_AGE
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _json(request, dataset: Dataset, records: list[dict]) -> HttpResponse:
    payload = {"metadata": dataset.metadata(request, records), "initiatives": records}
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})


def _csv(request, dataset: Dataset, records: list[dict]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([field.name for field in PUBLIC_FIELDS])
    for record in records:
        writer.writerow([csv_value(record[field.name]) for field in PUBLIC_FIELDS])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"initiatives-version-{dataset.version.pk}" if dataset.version else "initiatives"
    response["Content-Disposition"] = f'inline; filename="{name}.csv"'
    return response


@login_not_required
@require_safe
def initiatives_json(request):
    return _serve(request, _json)


@login_not_required
@require_safe
def initiatives_csv(request):
    return _serve(request, _csv)


@login_not_required
@require_safe
def open_data_dictionary(request):
    """Describe every field of the open data, from the same list as the files."""
    context = {
        "fields": PUBLIC_FIELDS,
        "licence": LICENCE,
        "versions": published_versions(),
        "current_count": Initiative.objects.active().count(),
        "latest_change": Initiative.objects.aggregate(latest=Max("updated_at"))["latest"],
    }
    return render(request, "initiatives/open_data_dictionary.html", context)
