"""Django admin of the initiatives app, used by the portfolio coordination.

One module per area; importing them registers their ModelAdmins. Initiative
writes go through initiatives.services like every other door.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from initiatives.admin import (  # noqa: F401 (registers)
    api_token,
    import_batch,
    initiative,
    organization,
    reference,
)

admin.site.site_header = _("Administration du portefeuille PTN 2023-2027")
admin.site.site_title = _("Administration du portefeuille PTN")
admin.site.index_title = _("Données du portefeuille")
