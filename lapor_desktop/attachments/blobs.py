"""Attachment bytes on disk, named by their SHA-256 (content-addressed)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from lapor_desktop.storage.atomic import fsync_dir, write_atomic
from lapor_desktop.storage.permissions import private_dir


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError("not a lowercase hex SHA-256")
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def write(self, sha256: str, data: bytes) -> None:
        with self.writing_many() as write:
            write(sha256, data)

    @contextmanager
    def writing_many(self, *, verified: bool = False) -> Iterator[Callable[[str, bytes], None]]:
        """`write(sha256, data)` for many blobs: each file synced as it is written, each folder
        once at the end (a paket's thousand photos share 256 folders), before this returns.

        `verified`: the caller has just checked every blob's SHA-256 itself (a paket's entries
        are hashed when it is opened), so the bytes are not hashed a second time here.
        """
        folders: set[Path] = set()
        made: set[Path] = set()

        def write(sha256: str, data: bytes) -> None:
            if not verified and hashlib.sha256(data).hexdigest() != sha256:
                raise ValueError("bytes do not match their name")
            path = self.path_for(sha256)
            if path.is_file() and path.stat().st_size == len(data):
                return
            if path.parent not in made:
                private_dir(path.parent)
                made.add(path.parent)
            write_atomic(path, data, sync_dir=False)
            folders.add(path.parent)

        try:
            yield write
        finally:
            for folder in folders:
                fsync_dir(folder)

    def read(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()

    def delete(self, sha256: str) -> None:
        try:
            self.path_for(sha256).unlink()
        except FileNotFoundError:
            pass

    def stored_names(self) -> set[str]:
        if not self.root.exists():
            return set()
        return {p.name for p in self.root.glob("??/*") if len(p.name) == 64}

    def remove_stale_temp_files(self, is_alive: object) -> int:
        """Delete temp files left by writers that died mid-write (named `.<name>.<pid>.<rand>.tmp`)."""
        removed = 0
        for temp in self.root.glob("??/.*.tmp"):
            parts = temp.name.split(".")
            try:
                pid = int(parts[-3])
            except (IndexError, ValueError):
                continue
            if not is_alive(pid):  # type: ignore[operator]
                try:
                    os.unlink(temp)
                    removed += 1
                except FileNotFoundError:
                    pass
        return removed
