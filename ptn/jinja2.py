"""The Jinja2 environment of the per-row templates: autoescaped, with Django's gettext."""

from django.utils import translation
from jinja2 import Environment


def environment(**options):
    options.setdefault("autoescape", True)
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(
        gettext=translation.gettext, ngettext=translation.ngettext, newstyle=True
    )
    return env
