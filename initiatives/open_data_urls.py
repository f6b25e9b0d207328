from django.urls import path

from initiatives import open_data

app_name = "open_data"
urlpatterns = [
    path("", open_data.open_data_dictionary, name="dictionary"),
    path("initiatives.json", open_data.initiatives_json, name="json"),
    path("initiatives.csv", open_data.initiatives_csv, name="csv"),
]
