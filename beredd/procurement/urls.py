"""URLs of the procurement app: composer pages, lots, requirements, publish and tender documents."""

from django.urls import path

from beredd.procurement import document_views, lot_views, views

app_name = "procurement"
urlpatterns = [
    path("", views.procurement_list, name="list"),
    path("new/", views.procurement_create, name="create"),
    path("<id:pk>/", views.procurement_detail, name="detail"),
    path("<id:pk>/general/", views.procurement_general, name="general"),
    path("<id:pk>/lots/", lot_views.lot_list, name="lot_list"),
    path("<id:pk>/lots/new/", lot_views.lot_create, name="lot_create"),
    path("<id:pk>/lots/<id:lot_pk>/", lot_views.lot_edit, name="lot_edit"),
    path("<id:pk>/lots/<id:lot_pk>/delete/", lot_views.lot_delete, name="lot_delete"),
    path(
        "<id:pk>/lots/<id:lot_pk>/requirements/",
        lot_views.lot_requirements,
        name="lot_requirements",
    ),
    path(
        "<id:pk>/lots/<id:lot_pk>/requirements/<id:use_pk>/remove/",
        lot_views.lot_requirement_remove,
        name="lot_requirement_remove",
    ),
    path("<id:pk>/evaluation/", views.evaluation, name="evaluation"),
    path("<id:pk>/scenarios/", views.scenarios, name="scenarios"),
    path("<id:pk>/timeline/", views.timeline, name="timeline"),
    path("<id:pk>/publish/", views.publish, name="publish"),
    path("<id:pk>/document/", document_views.document_html, name="document_html"),
    path("<id:pk>/document.docx", document_views.document_docx, name="document_docx"),
    path("<id:pk>/document.pdf", document_views.document_pdf, name="document_pdf"),
]
