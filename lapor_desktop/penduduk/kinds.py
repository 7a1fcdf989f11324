"""The values an import of OpenSID's population export is described by (labels: `lapor_desktop.labels`)."""

from __future__ import annotations

import enum


class SourceFormat(enum.StrEnum):
    OPENSID_ZIP = "opensid_zip"
    XLSX = "xlsx"
    CSV = "csv"


class DateSource(enum.StrEnum):
    """Where the export's date came from."""

    FILE_NAME = "file_name"  # penduduk_<dd_mm_yyyy>_opendk in the file's (or the inner xlsx's) name
    UPDATED_AT = "updated_at"  # the newest change to any resident in the file
    UNKNOWN = "unknown"


class SkipReason(enum.StrEnum):
    """Why a row of the export was not imported."""

    NOT_LIVING = "not_living"
    NO_NIK = "no_nik"
    INVALID_NIK = "invalid_nik"
    NO_NAME = "no_name"
    DUPLICATE = "duplicate"
