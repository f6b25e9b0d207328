"""The officers' pages: list, detail, create, edit and archive initiatives.

Views stay thin: reads through selectors and the FilterSet, writes through services.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from initiatives.forms import InitiativeForm
from initiatives.history import initiative_change_log
from initiatives.listing import initiatives_listed
from initiatives.models import Orientation
from initiatives.permissions import can_archive, can_create, can_edit
from initiatives.selectors import initiatives_visible_to
from initiatives.services import (
    InitiativeConflict,
    initiative_archive,
    initiative_create,
    initiative_update,
)

PAGE_SIZE = 50


@require_GET
def initiative_list(request):
    listing = initiatives_listed(request)
    page = Paginator(listing.initiatives, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filterset": listing.filterset,
        "page": page,
        "archived": listing.archived,
        "demo_count": listing.filterset.qs.filter(is_demo=True).count(),
        "can_create": can_create(request.user),
        "query_without_page": _query_without(request, "page"),
        "query_without_ordering": _query_without(request, "page", "ordering"),
    }
    template = "initiatives/initiative_list.html"
    if request.htmx and request.htmx.target == "initiative-results":
        template = "includes/initiative_results.html"
    return render(request, template, context)


def _query_without(request, *names) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@require_GET
def initiative_detail(request, pk):
    queryset = initiatives_visible_to(request.user, include_archived=True).select_related(
        "objective", "orientation__organization"
    )
    initiative = get_object_or_404(queryset, pk=pk)
    siblings = []
    if initiative.programme_id:
        siblings = (
            initiatives_visible_to(request.user)
            .filter(programme_id=initiative.programme_id)
            .exclude(pk=initiative.pk)
            .order_by("phase")
        )
    return render(
        request,
        "initiatives/initiative_detail.html",
        {
            "initiative": initiative,
            "siblings": siblings,
            "change_log": initiative_change_log(initiative),
            "can_edit": can_edit(request.user, initiative),
            "can_archive": can_archive(request.user, initiative),
            "warnings": initiative.consistency_warnings(),
        },
    )


def initiative_new(request):
    if not can_create(request.user):
        raise PermissionDenied(_("Vous ne pouvez pas créer d’initiative."))
    form = InitiativeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = initiative_create(user=request.user, data=form.service_data())
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(
                request, _("L’initiative « %(title)s » a été créée.") % {"title": initiative.title}
            )
            return redirect(initiative)
    return render(request, "initiatives/initiative_form.html", {"form": form, "initiative": None})


def initiative_edit(request, pk):
    initiative = get_object_or_404(
        initiatives_visible_to(request.user, include_archived=True), pk=pk
    )
    if not can_edit(request.user, initiative):
        raise PermissionDenied(
            _("Vous ne pouvez pas modifier les initiatives de cette organisation.")
        )
    form = InitiativeForm(request.POST or None, instance=initiative, user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            initiative_update(
                user=request.user,
                initiative=initiative,
                data=form.service_data(),
                expected_version=form.cleaned_data.get("version"),
            )
        except ValidationError as error:
            _attach(form, error)
        except InitiativeConflict as error:
            conflict = _conflict_context(request, error)
            # A second submit, after reading what changed, is a deliberate overwrite.
            form.data = form.data.copy()
            form.data[form.add_prefix("version")] = error.current.version
        else:
            messages.success(request, _("Les modifications ont été enregistrées."))
            return redirect("initiatives:detail", pk=pk)
    status = 409 if conflict else 200
    context = {"form": form, "initiative": initiative, "conflict": conflict}
    return render(request, "initiatives/initiative_form.html", context, status=status)


def _attach(form, error: ValidationError) -> None:
    """Show the service's refusals on the form, beside their fields."""
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


def _conflict_context(request, conflict: InitiativeConflict) -> dict:
    current = conflict.current
    labels = [str(current._meta.get_field(name).verbose_name) for name in conflict.changed_fields]
    latest = current.history.select_related("history_user").order_by("-history_id").first()
    return {
        "changed_fields": labels,
        "by": latest.history_user if latest else None,
        "at": latest.history_date if latest else None,
        "current": current,
    }


@require_POST
def initiative_archive_view(request, pk):
    initiative = get_object_or_404(
        initiatives_visible_to(request.user, include_archived=True), pk=pk
    )
    archived = request.POST.get("archived", "1") == "1"
    if not can_archive(request.user, initiative):
        raise PermissionDenied(
            _("Seule la coordination du portefeuille peut archiver une initiative.")
        )
    initiative_archive(user=request.user, initiative=initiative, archived=archived)
    text = _("L’initiative a été archivée.") if archived else _("L’initiative a été désarchivée.")
    messages.success(request, text)
    return redirect("initiatives:detail", pk=pk)


@require_GET
def orientation_options(request):
    """Return the orientation options of the chosen lead organisation (htmx)."""
    lead = request.GET.get("lead_organization", "")
    orientations = Orientation.objects.filter(organization_id=lead) if lead.isdigit() else []
    return render(request, "includes/orientation_options.html", {"orientations": orientations})
