"""Admin for RFIs, their answers and tender questions."""

from django.contrib import admin

from beredd.dialogue.models import Question, RequestForInformation, RfiAnswer


@admin.register(RequestForInformation)
class RequestForInformationAdmin(admin.ModelAdmin):
    list_display = ["title", "procurement", "answer_deadline"]


@admin.register(RfiAnswer)
class RfiAnswerAdmin(admin.ModelAdmin):
    list_display = ["rfi", "organisation", "updated_at"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["procurement", "organisation", "asked_at", "answered_at", "published_at"]
