"""The four strategic steps of seed 002: who edits each, its form and its rows."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from beredd.accounts.models import Role

from . import forms


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    title: str | Promise
    lead: str | Promise
    status_field: str
    roles: tuple[str, ...]
    form_class: type
    formsets: tuple[tuple[str, type, str | Promise], ...] = ()


STEPS = (
    Step(
        1,
        "analysis",
        _("Analyse the conditions"),
        _(
            "Which units, what they need, what the activity depends on, what happens when "
            "delivery is late or missing, and who is responsible."
        ),
        "analysis_status",
        (Role.PREPAREDNESS_COORDINATOR, Role.NEEDS_OWNER),
        forms.AnalysisForm,
        (
            ("dependencies", forms.DependencyFormSet, _("Dependencies")),
            (
                "consequences",
                forms.ConsequenceFormSet,
                _("Consequences of late or missing delivery"),
            ),
            ("responsibles", forms.ResponsibleFormSet, _("Responsible roles")),
        ),
    ),
    Step(
        2,
        "decision",
        _("Decide the path"),
        _(
            "Own production, or outsourcing: procurement under LOU or a customer-choice system "
            "under LOV. Record the rationale, who decided and when."
        ),
        "decision_status",
        (Role.DECISION_MAKER, Role.PREPAREDNESS_COORDINATOR),
        forms.DecisionForm,
    ),
    Step(
        3,
        "preparation",
        _("Prepare the organisation"),
        _(
            "Policy or steering documents, time, resources and routines, and the cooperation "
            "between procurement, needs owner and preparedness coordinator."
        ),
        "preparation_status",
        (Role.PREPAREDNESS_COORDINATOR,),
        forms.PreparationForm,
        (("checklist", forms.ChecklistFormSet, _("Checklist")),),
    ),
    Step(
        4,
        "communication",
        _("Communicate to the organisation"),
        _("Goals, strategies, guidelines and decisions: what was communicated to whom, and when."),
        "communication_status",
        (Role.PREPAREDNESS_COORDINATOR,),
        forms.CommunicationForm,
        (("communications", forms.CommunicationFormSet, _("Communications")),),
    ),
)

STEPS_BY_SLUG = {step.slug: step for step in STEPS}


def next_step(step: Step) -> Step | None:
    return STEPS[step.number] if step.number < len(STEPS) else None
