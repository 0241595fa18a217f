"""Packdesk: everything that is true without a screen (no Qt widgets here)."""

__version__ = "0.1.0"
