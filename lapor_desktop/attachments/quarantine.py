"""Attachments no report names wait here before they are deleted.

Recovery used to delete every blob the database did not know; with an
emptied or swapped database that was every photo of the office. Now such a
file is moved (a rename, same disk) to ``DATA_DIR/quarantine/attachments/``
and stamped with the time it arrived; it goes back to the store when a
database (a restored one, say) names it again, and leaves for good only
after `GRACE` and only when the database passes SQLite's integrity check.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from lapor_desktop.storage.permissions import private_dir

QUARANTINE_DIRNAME = "quarantine"
GRACE = dt.timedelta(days=30)


class Quarantine:
    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def beside(cls, attachments_root: Path) -> Quarantine:
        """The quarantine of the data dir whose attachment store is `attachments_root`."""
        return cls(attachments_root.parent / QUARANTINE_DIRNAME / "attachments")

    def put(self, source: Path, sha256: str, now: dt.datetime) -> None:
        private_dir(self.root)
        target = self.root / sha256
        try:
            os.replace(source, target)
        except FileNotFoundError:
            return
        stamp = now.timestamp()
        os.utime(target, (stamp, stamp))  # when it arrived: the grace period counts from here

    def names(self) -> set[str]:
        if not self.root.is_dir():
            return set()
        return {p.name for p in self.root.iterdir() if len(p.name) == 64}

    def take_back(self, sha256: str, target: Path) -> None:
        private_dir(target.parent)
        os.replace(self.root / sha256, target)

    def expired(self, now: dt.datetime) -> list[str]:
        cutoff = (now - GRACE).timestamp()
        found = []
        for name in self.names():
            try:
                if (self.root / name).stat().st_mtime < cutoff:
                    found.append(name)
            except FileNotFoundError:
                continue
        return found

    def purge(self, names: list[str]) -> int:
        removed = 0
        for name in names:
            try:
                (self.root / name).unlink()
                removed += 1
            except FileNotFoundError:
                continue
        return removed
