"""The plan versions' pages: the list, publishing (coordinators) and the comparison.

Views stay thin: reads through roadmap.selectors_versions and roadmap.comparison,
the one write through roadmap.services.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from initiatives.filtersets import InitiativeFilterSet
from initiatives.selectors import current_plan, initiatives_visible_to
from roadmap.comparison import IncomparableStates, compare
from roadmap.forms import PlanVersionPublishForm
from roadmap.models import PlanVersion
from roadmap.selectors_versions import can_view_versions, plan_versions, with_previous
from roadmap.services import can_publish, plan_version_publish

CURRENT = "current"
LIST_TEMPLATE = "roadmap/planversion_list.html"
COMPARE_TEMPLATE = "roadmap/planversion_compare.html"


@dataclass
class BadParameter(Exception):
    """A comparison parameter users can fix; ``message`` is for them."""

    message: str
    status: int = 400


def _require_reader(user) -> None:
    if not can_view_versions(user):
        raise PermissionDenied(_("Vous ne pouvez pas consulter les versions du plan."))


@require_GET
def planversion_list(request):
    _require_reader(request.user)
    form = PlanVersionPublishForm() if can_publish(request.user) else None
    return _render_list(request, form)


@require_POST
def planversion_publish(request):
    if not can_publish(request.user):
        raise PermissionDenied(_("Seule la coordination du portefeuille peut publier une version."))
    form = PlanVersionPublishForm(request.POST)
    plan = current_plan()
    if plan is None:
        form.add_error(None, _("Aucun plan n’est en vigueur : il n’y a rien à publier."))
    elif form.is_valid():
        try:
            version = plan_version_publish(user=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(
                request,
                _("La version « %(name)s » a été publiée : elle fige %(count)s initiatives.")
                % {"name": version.name, "count": version.entries.count()},
            )
            return redirect("versions:list")
    return _render_list(request, form, status=400)


def _render_list(request, form, status: int = 200):
    versions = with_previous(plan_versions())
    context = {
        "versions": versions,
        "form": form,
        "has_demo_versions": any(version.is_demo for version, _previous in versions),
    }
    return render(request, LIST_TEMPLATE, context, status=status)


def _attach(form, error: ValidationError) -> None:
    """Show the service's refusals on the form, beside their fields."""
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


@require_GET
def planversion_compare(request):
    _require_reader(request.user)
    try:
        base = _side(request.GET.get("base"), name="base")
        target = _side(request.GET.get("target") or CURRENT, name="target")
    except BadParameter as error:
        return _render_error(request, error)
    visible = initiatives_visible_to(request.user, include_archived=True)
    filterset = InitiativeFilterSet(request.GET, queryset=visible, request=request)
    context = {"filterset": filterset, "base": base, "target": target}
    context["choices"] = list(plan_versions())
    if not filterset.is_valid():
        context["filter_error"] = _("Corrigez les filtres signalés pour voir la comparaison.")
        return render(request, COMPARE_TEMPLATE, context, status=400)
    within = filterset.qs if has_filters(filterset) else None
    try:
        context["comparison"] = compare(base, target, within=within)
    except IncomparableStates as error:
        return _render_error(request, BadParameter(str(error)))
    return render(request, COMPARE_TEMPLATE, context)


def _side(value: str | None, *, name: str) -> PlanVersion | None:
    """Return the version ``value`` names, None for the current state; refuse anything else."""
    if not value:
        raise BadParameter(
            _("Choisissez la version de référence de la comparaison (paramètre « %(name)s »).")
            % {"name": name}
        )
    if value == CURRENT:
        return None
    if not value.isdigit() or len(value) > 18:
        raise BadParameter(
            _("« %(value)s » ne désigne pas une version du plan (paramètre « %(name)s »).")
            % {"value": value[:40], "name": name}
        )
    version = PlanVersion.objects.filter(pk=int(value), published_at__isnull=False).first()
    if version is None:
        raise BadParameter(
            _("La version n° %(value)s n’existe pas (paramètre « %(name)s »).")
            % {"value": value, "name": name},
            status=404,
        )
    return version


def _render_error(request, error: BadParameter):
    context = {"error": error.message}
    return render(request, COMPARE_TEMPLATE, context, status=error.status)


def has_filters(filterset) -> bool:
    """Return whether any filter of ``filterset`` (ordering aside) holds a value."""
    return any(
        _is_set(value) for name, value in filterset.form.cleaned_data.items() if name != "ordering"
    )


def _is_set(value) -> bool:
    if isinstance(value, QuerySet):  # an empty multiple choice is queryset.none()
        return not value.query.is_empty()
    return value not in (None, "", [], ())
