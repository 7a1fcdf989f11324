"""A desa office's data dir pointed at a LAPOR server, as after the setup wizard."""

from __future__ import annotations

from pathlib import Path

from lapor_desktop.offices.settings import Office, OfficeKind, Settings, save_settings
from lapor_desktop.offices.token_store import save_token


def make_office(data_dir: Path, server_url: str, token: str, *, region_code: str = "18.01.01.2001") -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    save_settings(
        data_dir,
        Settings(
            office=Office(OfficeKind.DESA, "Desa Way Huwi", region_code),
            operator="Siti Aminah",
            server_url=server_url,
        ),
    )
    save_token(data_dir, token)
    return data_dir
