"""A local Paradox stand-in implementing the project's API contract, for tests and demos."""

from tap_paradox.sandbox.config import Faults, LoggedRequest, SandboxConfig
from tap_paradox.sandbox.server import Sandbox

__all__ = ["Faults", "LoggedRequest", "Sandbox", "SandboxConfig"]
