"""The archive's public pages (see DESIGN.md's contract)."""

from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="article_list"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("articles/<int:pk>/<str:slug>/", views.article_detail, name="article_detail_slug"),
    path("people/<str:slug>/", views.person_detail, name="person_detail"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
]
