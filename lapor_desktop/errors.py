"""Exceptions that carry per-field messages for the operator.

Both map a dotted field path of `ReportIn` (``title``, ``reporter.nik``,
``attachments.0.filename``) to a message in Bahasa Indonesia saying what to fix,
so the CLI and the GUI can show them field by field.
"""

from __future__ import annotations


class FieldErrors(Exception):
    """Base: a set of per-field problems, with a one-line ``summary`` for the operator."""

    default_summary = "Data laporan belum benar; perbaiki kolom berikut."

    def __init__(self, fields: dict[str, str], summary: str | None = None) -> None:
        self.fields = dict(fields)
        self.summary = summary or self.default_summary
        lines = [f"{path}: {message}" for path, message in sorted(self.fields.items())]
        super().__init__("\n".join([self.summary, *lines]))


class InputError(FieldErrors):
    """Input that cannot even be read as a report (unknown fields, wrong types)."""

    default_summary = "Data masukan tidak dapat dibaca sebagai laporan; perbaiki kolom berikut."


class ValidationFailed(FieldErrors):
    """A readable report that does not meet the rules for the requested step (saving or queuing)."""

    default_summary = "Laporan belum memenuhi syarat; perbaiki kolom berikut."
