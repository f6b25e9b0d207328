"""Template helpers of the initiative pages."""

from django import template
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_header(context, key: str, label: str):
    """Render a sortable column header: a link that toggles the order, with aria-sort."""
    request = context["request"]
    current = request.GET.get("ordering", "")
    ascending, descending = current == key, current == f"-{key}"
    next_value = f"-{key}" if ascending else key
    query = context.get("query_without_ordering", "")
    href = "?" + (f"{query}&" if query else "") + urlencode({"ordering": next_value})
    aria = "ascending" if ascending else "descending" if descending else "none"
    hint = _("tri décroissant") if ascending else _("tri croissant")
    arrow = "▲" if ascending else "▼" if descending else ""
    return format_html(
        '<th scope="col" aria-sort="{}"><a href="{}" title="{}">{}</a> <span aria-hidden="true">{}</span></th>',
        aria,
        href,
        hint,
        label,
        arrow,
    )
