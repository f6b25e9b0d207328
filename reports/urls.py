from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/statut/", views.report_status, name="status"),
    path("<int:pk>/telecharger/", views.report_download, name="download"),
    path("_bench/mcc/", views.bench_standard_download, name="bench-download"),
]
