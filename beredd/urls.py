"""Root URLs: each app mounts under its own prefix."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from beredd.security import rate_limited

# Each reset request sends a mail: counted per address before Django's own view runs.
password_reset = rate_limited("password_reset", "RATELIMIT_PASSWORD_RESET", methods=("POST",))(
    auth_views.PasswordResetView.as_view()
)

urlpatterns = [
    path("", include("beredd.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/password_reset/", password_reset, name="password_reset"),
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
