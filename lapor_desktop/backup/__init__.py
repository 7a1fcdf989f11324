"""Backups that restore: local snapshots, encrypted files for a flashdisk, the reminder."""
