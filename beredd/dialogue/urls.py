"""URLs of the dialogue app: market dialogue (RFIs) and questions during the tender."""

from django.urls import path

from beredd.dialogue import views

app_name = "dialogue"
urlpatterns = [
    path("rfi/", views.rfi_list, name="rfi_list"),
    path("rfi/new/", views.rfi_create, name="rfi_create"),
    path("rfi/<id:pk>/", views.rfi_detail, name="rfi_detail"),
    path("rfi/<id:pk>/answers.xlsx", views.rfi_export, name="rfi_export"),
    path("questions/", views.question_list, name="question_list"),
    path("questions/<id:pk>/", views.question_answer, name="question_answer"),
    path("tender/<id:procurement_pk>/ask/", views.question_ask, name="question_ask"),
]
