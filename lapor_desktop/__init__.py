"""LAPOR Desa desktop: record citizen reports offline, send them to SP4N-LAPOR!."""

__version__ = "0.1.0"
