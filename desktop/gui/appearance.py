"""Light or dark window chrome, following the system (Qt 6.5+ ``QStyleHints.colorScheme``).

Platform themes that know the desktop's scheme (Windows 11, macOS, GNOME and KDE through their Qt
themes) already hand Qt a matching palette; this module only steps in when the system says dark but
the palette Qt got is light (bare X11/Wayland sessions, Fusion), and then uses Fusion with a dark
palette. The map itself stays a light sheet in both schemes, with its own dark ink, because it is a
picture: exports must look like the screen, and the tension colours were chosen against white.

``RELMAP_COLOR_SCHEME=dark`` (or ``light``) overrides what the system reports.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

_applied_dark = False


def system_scheme() -> Qt.ColorScheme:
    override = os.environ.get("RELMAP_COLOR_SCHEME", "").lower()
    if override in ("dark", "light"):
        return Qt.ColorScheme.Dark if override == "dark" else Qt.ColorScheme.Light
    return QGuiApplication.styleHints().colorScheme()


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    """Fusion's dark counterpart: dark greys, light text, the link and highlight blue kept readable."""
    palette = QPalette()
    base, window, text, muted = QColor(30, 31, 34), QColor(43, 45, 48), QColor(230, 230, 232), QColor(140, 140, 146)
    for role, colour in (
        (QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, QColor(38, 40, 43)),
        (QPalette.ColorRole.ToolTipBase, QColor(55, 57, 61)), (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, muted), (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, window), (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor(255, 120, 120)), (QPalette.ColorRole.Link, QColor(110, 170, 240)),
        (QPalette.ColorRole.Highlight, QColor(53, 110, 180)),
        (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)),
        (QPalette.ColorRole.Light, QColor(70, 72, 76)), (QPalette.ColorRole.Midlight, QColor(58, 60, 64)),
        (QPalette.ColorRole.Mid, QColor(36, 37, 40)), (QPalette.ColorRole.Dark, QColor(22, 23, 25)),
        (QPalette.ColorRole.Shadow, QColor(0, 0, 0)),
    ):
        palette.setColor(role, colour)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, muted)
    return palette


def apply_color_scheme(app: QApplication, scheme: Qt.ColorScheme) -> None:
    """Make the chrome match ``scheme``, touching nothing when the platform already did."""
    global _applied_dark
    if scheme == Qt.ColorScheme.Dark and not is_dark(app.palette()):
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
        _applied_dark = True
    elif scheme != Qt.ColorScheme.Dark and _applied_dark:
        app.setPalette(app.style().standardPalette())
        _applied_dark = False


def follow_color_scheme(app: QApplication) -> None:
    """Apply the system's scheme now and whenever the user switches it while the app runs."""
    apply_color_scheme(app, system_scheme())
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_color_scheme(app, system_scheme()))
