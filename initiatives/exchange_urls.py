"""The spreadsheet export and import, under /initiatives/ (namespace "initiatives")."""

from django.urls import path

from initiatives import exchange_views as views

urlpatterns = [
    path("export/", views.initiative_export, name="export"),
    path("import/", views.import_upload, name="import"),
    path("import/colonnes/", views.import_layout, name="import-layout"),
    path("import/modele.<str:file_format>", views.import_template, name="import-template"),
    path("import/<int:pk>/", views.import_batch_detail, name="import-batch"),
    path("import/<int:pk>/progression/", views.import_batch_progress, name="import-batch-progress"),
    path(
        "import/<int:pk>/confirmer/", views.import_batch_confirm_view, name="import-batch-confirm"
    ),
]
