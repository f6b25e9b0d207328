from django.urls import path

from roadmap import bench_views, roadmap_views, views

urlpatterns = [
    path("", views.dashboard, name="home"),
    path("roadmap/", roadmap_views.roadmap, name="roadmap"),
    path("roadmap/_bench/bare/", bench_views.bare_roadmap, name="roadmap-bench-bare"),
]
