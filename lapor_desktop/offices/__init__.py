"""Offices: settings, keys and trust, signed profiles, training mode, the server token."""
