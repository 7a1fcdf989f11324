"""Desa and kecamatan without a network: pakets both ways, review, overdue rule, dashboard."""
