"""Extract the interface texts and build the English translation.

    .venv/bin/python scripts/build_translations.py

1. `pyside6-lupdate` reads every `ui/*.py`, and the core's label table
   (`lapor_desktop/labels.py`, whose `_translatable` marks texts as
   `QT_TRANSLATE_NOOP` does), and updates
   `resources/translations/lapor_en.ts` (new texts are added as unfinished,
   texts no longer in the code are marked obsolete; existing translations stay);
2. `pyside6-lrelease` compiles it into `lapor_en.qm`, which the app loads;
3. it also compiles `qt_id.ts` into `qt_id.qm`: Qt's own texts (standard buttons,
   the file and print dialogs, the text menus) in Bahasa Indonesia, which Qt does
   not ship. That file is written by hand (its sources are Qt's texts, found by
   their context); add a message there when a Qt dialog shows English.

Translate new texts with Qt Linguist (`pyside6-linguist resources/translations/lapor_en.ts`)
or in the .ts file, then run this again. `--check` fails when any text is untranslated.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_FILE = ROOT / "resources" / "translations" / "lapor_en.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
CORE_LABELS = ROOT / "lapor_desktop" / "labels.py"
QT_TS_FILE = ROOT / "resources" / "translations" / "qt_id.ts"


def tool(name: str) -> str:
    """The PySide6 tool next to this interpreter (the venv), else on PATH."""
    local = Path(sys.executable).with_name(name)
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 into the virtualenv")
    return found


def untranslated(ts_file: Path) -> list[str]:
    """Source texts with no finished translation (obsolete ones do not count)."""
    missing = []
    for message in ET.parse(ts_file).getroot().iter("message"):
        translation = message.find("translation")
        if translation is None:
            continue
        kind = translation.get("type")
        if kind in ("obsolete", "vanished"):
            continue
        forms = translation.findall("numerusform")
        texts = [f.text for f in forms] if forms else [translation.text]
        if kind == "unfinished" or not all(texts):
            missing.append(message.findtext("source") or "")
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="fail when a text has no English translation")
    args = parser.parse_args()
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").glob("*.py"))
    sources.append(str(CORE_LABELS.relative_to(ROOT)))
    TS_FILE.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            "-locations",
            "none",
            "-no-obsolete",
            "-tr-function-alias",
            "QT_TRANSLATE_NOOP+=_translatable",
            *sources,
            "-source-language",
            "id",
            "-target-language",
            "en",
            "-ts",
            str(TS_FILE.relative_to(ROOT)),
        ],
        cwd=ROOT,
        check=True,
    )
    for ts_file in (TS_FILE, QT_TS_FILE):
        qm_file = ts_file.with_suffix(".qm")
        subprocess.run([tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)], cwd=ROOT, check=True)
    missing = untranslated(TS_FILE) + untranslated(QT_TS_FILE)
    if missing:
        print(f"{len(missing)} text(s) without a translation:", file=sys.stderr)
        for text in missing:
            print(f"  {text!r}", file=sys.stderr)
        return 1 if args.check else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
