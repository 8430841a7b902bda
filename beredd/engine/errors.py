"""Errors raised by the engine for invalid input.

ValueError
└── NetworkError          (.path, .message; str = "path: message")
    └── ScenarioError
"""

from __future__ import annotations


class NetworkError(ValueError):
    """Invalid network or scenario input; `path` names the JSON location, e.g. `units[3].id`."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class ScenarioError(NetworkError):
    """Invalid scenario input, or a scenario that does not fit the network it is run on."""
