"""Root URLs: each app mounts under its own prefix."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("beredd.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("org/", include("beredd.accounts.urls")),
    path("network/", include("beredd.network.urls")),
    path("readiness/", include("beredd.readiness.urls")),
    path("stresstests/", include("beredd.stresstests.urls")),
    path("requirements/", include("beredd.requirements.urls")),
    path("procurement/", include("beredd.procurement.urls")),
    path("tenders/", include("beredd.publication.urls")),
    path("dialogue/", include("beredd.dialogue.urls")),
    path("admin/", admin.site.urls),
]
