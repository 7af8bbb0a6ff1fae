"""The one door to the outside: links in datasets open in a browser only if they are http or https.

A dataset is a stranger's file; a ``file:``, ``smb:`` or custom-scheme link in it could open local files
or launch programs. Every view that shows a dataset's links routes clicks through :func:`open_external`,
and links open only when the user clicks them.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

SAFE_SCHEMES = frozenset({"http", "https"})


def is_safe_link(url: QUrl | str) -> bool:
    link = url if isinstance(url, QUrl) else QUrl(url)
    return link.isValid() and link.scheme().lower() in SAFE_SCHEMES and bool(link.host())


def open_external(url: QUrl | str) -> bool:
    """Open ``url`` in the user's browser if it is a web address; say whether it was opened."""
    link = url if isinstance(url, QUrl) else QUrl(url)
    if not is_safe_link(link):
        return False
    return bool(QDesktopServices.openUrl(link))
