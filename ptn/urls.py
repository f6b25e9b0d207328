from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("", include("roadmap.urls")),
    path("roadmap/versions/", include("roadmap.version_urls")),
    path("initiatives/", include("initiatives.urls")),
    path("reports/", include("reports.urls")),
    path("open-data/", include("initiatives.open_data_urls")),
    path("accounts/tokens/", include("initiatives.api.token_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    # The API answers 401 in JSON itself, hence no login redirect for the schema.
    # Plan versions and reports add their own routers under api/v1/ beside this one.
    path("api/v1/", include("initiatives.api.urls")),
    path("api/schema/", login_not_required(SpectacularAPIView.as_view()), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    # The language switch also serves the login page.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
