"""Rules a requirement must follow beyond single fields: methods, crisis levels, structured answer.

Every message names the field it is about, so it reads clearly also outside a form.
"""

from typing import Any, ClassVar, Protocol

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .choices import AnswerType, CrisisLevel, Verification
from .parameters import BOOLEAN, SHARE, parameter_examples, parse_parameter


class Requirement(Protocol):
    """What the rules read of a requirement (models.Requirement, which calls them from clean)."""

    _meta: ClassVar[Any]
    verification: list[str]
    crisis_levels: list[str]
    answer_parameter: str
    answer_type: str
    answer_min: float | None
    answer_max: float | None


ANSWER_FIELDS = (
    "answer_name",
    "answer_parameter",
    "answer_unit",
    "answer_type",
    "answer_min",
    "answer_max",
)


def _label(requirement: Requirement, field: str) -> Any:
    """The field's name as the form shows it; lazy, so it is translated when shown."""
    return capfirst(getattr(requirement._meta.get_field(field), "verbose_name", field))


def _choice_list_errors(
    requirement: Requirement, field: str, allowed: list[str], empty_message: Any
) -> list[ValidationError]:
    values = getattr(requirement, field)
    label = _label(requirement, field)
    if not isinstance(values, list) or not values:
        return [ValidationError(empty_message, params={"field": label}, code="empty_list")]
    unknown = [str(value) for value in values if value not in allowed]
    if unknown:
        return [
            ValidationError(
                _("“%(field)s”: unknown value %(values)s."),
                params={"field": label, "values": ", ".join(unknown)},
                code="unknown_value",
            )
        ]
    return []


def _answer_errors(requirement: Requirement) -> dict[str, list[ValidationError]]:
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: Any, **params: Any) -> None:
        params = {k: f"{v:g}" if isinstance(v, float | int) else v for k, v in params.items()}
        params["field"] = _label(requirement, field)
        errors.setdefault(field, []).append(ValidationError(message, params=params))

    given = [f for f in ANSWER_FIELDS if getattr(requirement, f) not in ("", None)]
    if not given:
        return errors
    for field in ("answer_name", "answer_type"):
        if not getattr(requirement, field):
            add(field, _("“%(field)s” is required when the requirement has a structured answer."))
    low, high = requirement.answer_min, requirement.answer_max
    if low is not None and high is not None and low > high:
        add(
            "answer_max",
            _("“%(field)s” (%(high)s) must not be below the minimum (%(low)s)."),
            high=high,
            low=low,
        )
    answer_type = requirement.answer_type
    if answer_type in (BOOLEAN, "text") and (low is not None or high is not None):
        add("answer_min", _("“%(field)s”: a yes/no or text answer has no bounds."))
    if answer_type == SHARE:
        _check_bounds(add, low, high, 0.0, 1.0)
    if requirement.answer_parameter:
        _parameter_errors(requirement, add, low, high)
    return errors


def _check_bounds(
    add: Any, low: float | None, high: float | None, lowest: Any, highest: Any
) -> None:
    for field, value in (("answer_min", low), ("answer_max", high)):
        if value is None:
            continue
        if (lowest is not None and value < lowest) or (highest is not None and value > highest):
            if highest is None:
                add(field, _("“%(field)s” must be at least %(lowest)s."), lowest=lowest)
            else:
                add(
                    field,
                    _("“%(field)s” must be between %(lowest)s and %(highest)s."),
                    lowest=lowest,
                    highest=highest,
                )


def _parameter_errors(requirement: Requirement, add: Any, low: Any, high: Any) -> None:
    parsed = parse_parameter(requirement.answer_parameter)
    if parsed is None:
        add(
            "answer_parameter",
            _(
                "“%(field)s”: %(value)s is not a parameter of the stress-test model. Use one of: "
                "%(known)s."
            ),
            value=requirement.answer_parameter,
            known=", ".join(parameter_examples()),
        )
        return
    parameter, _category = parsed
    if requirement.answer_type and requirement.answer_type != parameter.kind:
        add(
            "answer_type",
            _("“%(field)s” must be %(kind)s for the parameter %(parameter)s."),
            kind=_type_label(parameter.kind),
            parameter=parameter.name,
        )
    if requirement.answer_type == BOOLEAN and parameter.kind != BOOLEAN:
        return
    lowest, highest = parameter.bounds
    if parameter.kind != SHARE:  # shares were already checked through the answer type
        _check_bounds(add, low, high, lowest, highest)


def _type_label(kind: str) -> Any:
    return AnswerType(kind).label


def validate_requirement(requirement: Requirement) -> None:
    """Raises ValidationError with a message per field for everything that is wrong."""
    errors: dict[str, list[ValidationError]] = {}
    verification = _choice_list_errors(
        requirement,
        "verification",
        Verification.values,
        _("“%(field)s”: choose at least one verification method."),
    )
    crisis = _choice_list_errors(
        requirement,
        "crisis_levels",
        CrisisLevel.values,
        _("“%(field)s”: choose at least one crisis level."),
    )
    if verification:
        errors["verification"] = verification
    if crisis:
        errors["crisis_levels"] = crisis
    for field, messages in _answer_errors(requirement).items():
        errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
