"""URLs of the procurement app: composer pages, lots, requirements, publish and tender documents."""

from django.urls import path

from beredd.procurement import document_views, lot_views, views

app_name = "procurement"
urlpatterns = [
    path("", views.procurement_list, name="list"),
    path("new/", views.procurement_create, name="create"),
    path("<int:pk>/", views.procurement_detail, name="detail"),
    path("<int:pk>/general/", views.procurement_general, name="general"),
    path("<int:pk>/lots/", lot_views.lot_list, name="lot_list"),
    path("<int:pk>/lots/new/", lot_views.lot_create, name="lot_create"),
    path("<int:pk>/lots/<int:lot_pk>/", lot_views.lot_edit, name="lot_edit"),
    path("<int:pk>/lots/<int:lot_pk>/delete/", lot_views.lot_delete, name="lot_delete"),
    path(
        "<int:pk>/lots/<int:lot_pk>/requirements/",
        lot_views.lot_requirements,
        name="lot_requirements",
    ),
    path(
        "<int:pk>/lots/<int:lot_pk>/requirements/<int:use_pk>/remove/",
        lot_views.lot_requirement_remove,
        name="lot_requirement_remove",
    ),
    path("<int:pk>/evaluation/", views.evaluation, name="evaluation"),
    path("<int:pk>/scenarios/", views.scenarios, name="scenarios"),
    path("<int:pk>/timeline/", views.timeline, name="timeline"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/document/", document_views.document_html, name="document_html"),
    path("<int:pk>/document.docx", document_views.document_docx, name="document_docx"),
    path("<int:pk>/document.pdf", document_views.document_pdf, name="document_pdf"),
]
