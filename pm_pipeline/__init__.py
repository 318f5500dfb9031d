"""Blameless post-mortems as code: check, sync to GitHub issues, publish."""

__version__ = "0.1.0"
