"""Template context shared by every page."""

from django.http import HttpRequest

from beredd.site.navigation import menu_for


def navigation(request: HttpRequest) -> dict[str, object]:
    return {"main_menu": menu_for(request.user, request.path)}
