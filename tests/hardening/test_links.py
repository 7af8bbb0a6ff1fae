"""Links from a dataset open only as web pages, and only through the one checked door."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QDesktopServices

from desktop.gui.links import is_safe_link, open_external


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/article", True),
        ("http://example.org", True),
        ("file:///etc/passwd", False),
        ("smb://server/share", False),
        ("javascript:alert(1)", False),
        ("relmap-custom:run", False),
        ("https://", False),
        ("", False),
    ],
)
def test_only_web_links_are_opened(monkeypatch: pytest.MonkeyPatch, qtbot, url: str, safe: bool) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda link: opened.append(link.toString()) or True)
    assert is_safe_link(url) is safe
    assert open_external(url) is safe
    assert opened == ([url] if safe else [])


def test_the_about_dialog_links_only_web_sources(qtbot, make_window, write_dataset) -> None:
    from desktop.gui.dialogs.help_dialogs import AboutDialog
    from tests.conftest import tiny_document

    document = tiny_document()
    document["sources"] = [
        {"id": "web", "title": "Web article", "url": "https://example.org/a"},
        {"id": "local", "title": "Local file", "url": "file:///etc/passwd"},
    ]
    window = make_window(show=False)
    document["events"] = [{**e, "sources": [{"source": "web"}]} for e in document["events"]]
    window.open_path(write_dataset(document))
    dialog = AboutDialog(window)
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QLabel

    text = dialog.findChild(QLabel, "about_text").text()
    assert 'href="https://example.org/a"' in text
    assert "file:///etc/passwd" not in text
