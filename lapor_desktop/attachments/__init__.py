"""Attachments: turning a file into stored bytes, the content-addressed store, crash recovery."""
