"""Fixtures for the engine tests: the networks of the model's worked examples (no database)."""

from typing import Any

import pytest


@pytest.fixture
def backup_network() -> dict[str, Any]:
    """Worked example 1: three suppliers in a primary/backup chain."""
    return {
        "categories": [{"id": "dry", "cold_hours": None}],
        "areas": ["x"],
        "menus": {"normal": {"dry": 1}, "crisis": {"dry": 1}},
        "units": [
            {
                "id": "P1",
                "area": "x",
                "type": "hospital",
                "criticality": 1,
                "portions_per_day": 75,
                "stock_days": {"dry": 20 / 75},
                "loss_weight": 5000,
            },
            {
                "id": "P2",
                "area": "x",
                "type": "hospital",
                "criticality": 1,
                "portions_per_day": 50,
                "stock_days": {"dry": 0.5},
                "loss_weight": 6500,
            },
        ],
        "suppliers": [
            {"id": sid, "capacity_per_day": cap, "upstream_slack": 100, "time_to_recover_days": 2}
            for sid, cap in (("S1", 30), ("S2", 45), ("S3", 60))
        ],
        "assignments": [
            {"category": "dry", "units": ["P1", "P2"], "primary": "S1", "backups": ["S2", "S3"]}
        ],
    }


@pytest.fixture
def power_network() -> dict[str, Any]:
    """Worked example 2: power outage, priority and spoilage."""
    unit = {"area": "a", "stock_days": {"dry": 1, "chilled": 1}, "capacity_without_power": 0.5}
    return {
        "categories": [{"id": "dry"}, {"id": "chilled", "cold_hours": 12}],
        "areas": ["a"],
        "menus": {"normal": {"dry": 0.5, "chilled": 0.5}, "crisis": {"dry": 1}},
        "units": [
            {"id": "A", "type": "hospital", "criticality": 1, "portions_per_day": 40, **unit},
            {"id": "B", "type": "school", "criticality": 2, "portions_per_day": 60, **unit},
        ],
        "suppliers": [
            {
                "id": "S",
                "area": "a",
                "capacity_per_day": 100,
                "stock_days": {"dry": 2},
                "upstream_slack": 0.5,
                "backup_power_hours": 24,
                "capacity_without_power": 0.5,
                "prioritises_critical": True,
            }
        ],
        "assignments": [
            {"category": "dry", "units": ["A", "B"], "primary": "S"},
            {"category": "chilled", "units": ["A", "B"], "primary": "S"},
        ],
    }
