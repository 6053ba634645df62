"""The QApplication: name, style, fonts, translations."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from skranke import identity
from skranke.resources import RESOURCES_DIR

STYLESHEET = """
QWidget { font-size: 11pt; }
QGroupBox { font-weight: 600; border: 1px solid #c9d3df; border-radius: 6px;
            margin-top: 14px; padding: 8px 6px 6px 6px; background: #fbfcfe; }
QGroupBox::title { subcontrol-origin: margin; left: 10px; padding: 0 4px; color: #33475b; }
QPushButton { border: 1px solid #9fb3c8; border-radius: 6px; background: #ffffff;
              padding: 6px 12px; }
QPushButton:hover { background: #eef4fb; }
QPushButton:checked { background: #1f5fa8; color: white; border-color: #174a85; }
QPushButton[primary="true"] { font-size: 13pt; }
QGroupBox#outcomeBox QPushButton { padding: 6px 8px; }
QPushButton[tile="true"] { background: #f3f8fd; }
QPushButton[tile="true"]:hover { background: #dcebf9; }
QPushButton[tile="true"] QLabel#label { color: #14324f; }
QPushButton[favourite="true"] { background: #fff9ec; border-color: #d9b868; }
QPushButton[favourite="true"][empty="true"] { background: #fafafa; border-color: #d5d5d5; }
QPushButton[favourite="true"] QLabel#label { color: #3d3216; }
QPushButton[favourite="true"][empty="true"] QLabel#label { color: #9a9a9a; }
QLabel#hint { font-size: 9pt; color: #5f7a94; font-weight: 600; }
QLabel#timerLabel { font-size: 15pt; color: #8a8a8a; padding: 0 10px; }
QLabel#timerLabel[running="true"] { color: #14324f; font-weight: 600; }
QLabel#errorBanner { background: #fde8e8; color: #8a1010; border: 1px solid #e0a0a0;
                     border-radius: 6px; padding: 8px; font-weight: 600; }
QLineEdit[invalid="true"] { background: #fde8e8; border: 2px solid #c0392b; }
QWidget#citizenScreen { background: white; }
QLabel#citizenTitle { font-size: 30pt; font-weight: 600; color: #14324f; }
QLabel#citizenScan { font-size: 22pt; color: #14324f; }
QLabel#citizenUrl { font-size: 18pt; color: #33475b; }
QLabel#citizenIdle { font-size: 26pt; color: #8a9bb0; }
QLabel#solutionTitle { font-size: 13pt; font-weight: 600; color: #14324f; }
QLabel#solutionTitle[idle="true"] { font-size: 11pt; font-weight: normal; color: #5f7a94; }
QLabel#solutionUrl { color: #33475b; }
QLabel#handoutsLabel { color: #14324f; font-weight: 600; }
QFrame#tallyStrip { background: #14324f; border-radius: 6px; }
QTableView#recentView { font-size: 10pt; }
QLabel#tallyLabel { color: white; font-size: 13pt; font-weight: 600; }
QCheckBox { border: 2px solid transparent; border-radius: 4px; padding: 1px 3px; }
"""
# Where the keyboard is, on every control (WCAG 2.4.7): a thick ring with at least 3:1
# contrast against the button's own colours, dark on a light button, amber on a checked
# (blue) one. Last, and specific enough to win over the colours of tiles and favourites.
FOCUS_STYLE = """
QPushButton:focus, QPushButton[favourite="true"][empty="true"]:focus {
    border: 3px solid #14324f; }
QPushButton:checked:focus { border: 3px solid #ffc83d; }
QCheckBox:focus { border-color: #14324f; }
"""


def window_icon() -> QIcon:
    """Skranke's icon in every size it ships (the window, the task bar, Alt+Tab)."""
    icon = QIcon()
    for size in identity.ICON_SIZES:
        icon.addFile(str(identity.icon_png(size)))
    return icon


def create_application(argv: list[str], language: str = "da") -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
        app.setStyle("Fusion")
    else:
        # Fusion named on the command line Qt reads, not by setStyle(): that returns the
        # style to Python, and making its Python type (with QStyle's enums) cost ~20 ms of
        # start-up.
        app = QApplication([*argv, "-style", "Fusion"])
    # QSettings (window state) is kept under the organisation's and application's names.
    app.setApplicationName(identity.APP_NAME)
    app.setApplicationDisplayName(identity.APP_NAME)
    app.setApplicationVersion(identity.VERSION)
    app.setOrganizationName(identity.ORGANIZATION)
    app.setDesktopFileName(identity.APP_ID)  # Wayland and the task bar find the desktop entry
    app.setWindowIcon(window_icon())
    app.setStyleSheet(STYLESHEET + FOCUS_STYLE)  # once, for every widget
    palette = app.palette()  # Fusion rings a focused field, list or combo in this colour
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#1f5fa8"))
    app.setPalette(palette)
    QLocale.setDefault(
        QLocale(QLocale.Language.Danish if language == "da" else QLocale.Language.English)
    )
    if app.property("skrankeLanguage") == language:
        return app  # translators already installed (tests create the application often)
    app.setProperty("skrankeLanguage", language)
    # Qt's own dialogs (print, save file) speak the same language as ours.
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
    if language != "da":
        translator = QTranslator(app)
        if translator.load(str(RESOURCES_DIR / "i18n" / f"skranke_{language}.qm")):
            app.installTranslator(translator)
    return app
