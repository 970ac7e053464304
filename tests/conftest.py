"""Shared pytest configuration: the Paradox sandbox fixtures come from the package."""

pytest_plugins = ["tap_paradox.sandbox.pytest_plugin"]
