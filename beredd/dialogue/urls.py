"""URLs of the dialogue app: market dialogue (RFIs) and questions during the tender."""

from django.urls import path

from beredd.dialogue import views

app_name = "dialogue"
urlpatterns = [
    path("rfi/", views.rfi_list, name="rfi_list"),
    path("rfi/new/", views.rfi_create, name="rfi_create"),
    path("rfi/<int:pk>/", views.rfi_detail, name="rfi_detail"),
    path("rfi/<int:pk>/answers.xlsx", views.rfi_export, name="rfi_export"),
    path("questions/", views.question_list, name="question_list"),
    path("questions/<int:pk>/", views.question_answer, name="question_answer"),
    path("tender/<int:procurement_pk>/ask/", views.question_ask, name="question_ask"),
]
