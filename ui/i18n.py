"""Interface language: Bahasa Indonesia is written in the code, English comes from a Qt translation.

`resources/translations/lapor_en.qm` is built from `lapor_en.ts` by
`scripts/build_translations.py` (pyside6-lupdate + pyside6-lrelease). Qt's own
texts (standard dialog buttons, the file and print dialogs, the text menus) come
from Qt's `qtbase_*.qm` when the installed Qt ships one for the language; Qt
ships none for Indonesian, so the app's own `qt_id.qm` gives them.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from lapor_desktop.resources import resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("id", "en")
SOURCE_LANGUAGE = "id"

# Installed translators, kept referenced (Qt does not own them) and removable on a language switch.
_installed: list[QTranslator] = []
_language = SOURCE_LANGUAGE


def translation_file(language: str) -> str:
    return str(resource_path("translations", f"lapor_{language}.qm"))


def qt_translation_file(language: str) -> str:
    """The app's own translation of Qt's texts, for a language Qt ships none for."""
    return str(resource_path("translations", f"qt_{language}.qm"))


def install_translator(app: QCoreApplication, language: str) -> None:
    """Switch the interface to `language` ("id" or "en"); unknown values fall back to Bahasa Indonesia.

    Widgets built afterwards use the new language; the main window rebuilds or re-reads its texts on a switch.
    """
    global _language
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language not in LANGUAGES:
        log.warning("unknown interface language %r; using Bahasa Indonesia", language)
        language = SOURCE_LANGUAGE
    _language = language
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian if language == "id" else QLocale.Language.English))

    qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own = QTranslator(app)
    if language != "en" and (
        qt_own.load(f"qtbase_{language}", qt_translations) or qt_own.load(qt_translation_file(language))
    ):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    if language == SOURCE_LANGUAGE:
        return
    ours = QTranslator(app)
    if ours.load(translation_file(language)):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.error(
            "translation %s missing; the interface stays in Bahasa Indonesia", translation_file(language)
        )


def current_language() -> str:
    return (
        "en"
        if _installed and any(not t.isEmpty() and t.language().startswith("en") for t in _installed)
        else "id"
    )
