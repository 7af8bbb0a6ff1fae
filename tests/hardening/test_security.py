"""No code from data, no links opened by themselves, no network: checked on the source and at run time."""

from __future__ import annotations

import ast
import contextlib
import re
import socket
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "desktop"
CORPUS = ROOT / "tests" / "data" / "malformed"

BANNED_CALLS = {"eval", "exec", "__import__"}
BANNED_MODULES = {"pickle", "cPickle", "marshal", "shelve", "yaml", "dill", "cloudpickle", "jsonpickle"}
BANNED_ATTRIBUTES = {("os", "system"), ("os", "popen"), ("subprocess", "getoutput"), ("subprocess", "getstatusoutput")}


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _findings(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    where = path.relative_to(root)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in BANNED_CALLS:
                found.append(f"{where}:{node.lineno}: {func.id}()")
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and \
                    (func.value.id, func.attr) in BANNED_ATTRIBUTES:
                found.append(f"{where}:{node.lineno}: {func.value.id}.{func.attr}()")
            for keyword in node.keywords:
                if keyword.arg == "shell" and not (isinstance(keyword.value, ast.Constant) and not keyword.value.value):
                    found.append(f"{where}:{node.lineno}: shell=True")
        elif isinstance(node, ast.Import):
            found += [f"{where}:{node.lineno}: import {a.name}" for a in node.names
                      if a.name.split(".")[0] in BANNED_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in BANNED_MODULES:
            found.append(f"{where}:{node.lineno}: from {node.module} import …")
    return found


def test_no_code_from_data_in_the_package() -> None:
    """No eval/exec, no pickle/marshal/YAML (whose tags build objects), no shell."""
    assert len(_sources()) > 20
    found = [line for path in _sources() for line in _findings(path)]
    assert not found, "\n".join(found)


def test_the_checker_catches_what_it_bans(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("import pickle\nfrom yaml import load\nimport subprocess\neval('1')\nos.system('x')\n"
                      "subprocess.run('ls', shell=True)\n")
    assert len(_findings(sample, tmp_path)) == 5


def test_ruff_keeps_the_security_rules_on() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    selected = set(config["tool"]["ruff"]["lint"]["select"])
    # S307 eval, S301 pickle, S506 unsafe yaml.load; S602/S604/S605 shell=True and os.system
    assert {"S307", "S301", "S506"} <= selected or "S" in selected


def test_xml_is_only_parsed_through_defusedxml() -> None:
    offenders = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        for needle in (r"(?<!Safe)ET\.(?:parse|fromstring|XMLParser)\(", r"minidom\.parse", r"\blxml\b", r"xml\.sax",
                       r"ParserCreate"):
            if re.search(needle, text):
                offenders.append(f"{path.relative_to(ROOT)}: {needle}")
    assert not offenders, offenders


# -- links ------------------------------------------------------------------------------------------

def test_no_text_view_opens_links_by_itself(make_window, write_dataset: Callable[..., Path]) -> None:
    from PySide6.QtWidgets import QLabel, QTextBrowser

    window = make_window(write_dataset(), show=False)
    browsers = window.findChildren(QTextBrowser)
    assert browsers
    for browser in browsers:
        assert not browser.openExternalLinks(), browser
        assert not browser.openLinks(), browser
    for label in window.findChildren(QLabel):
        assert not label.openExternalLinks(), label.objectName() or label.text()[:40]


def test_hostile_source_links_are_not_opened_on_display(qtbot, make_window, monkeypatch: pytest.MonkeyPatch,
                                                         write_dataset: Callable[..., Path]) -> None:
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QApplication

    from tests.conftest import tiny_document

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    document = tiny_document()
    document["sources"] = [{"id": "src", "title": "<a href='file:///etc/passwd'>x</a>",
                            "url": "javascript:alert(1)"}]
    window = make_window(write_dataset(document), at="2013-07-01", show=False)
    window.state.selected_actor = "ann"
    QApplication.processEvents()  # anything the selection queued has run
    assert opened == []


# -- no network -------------------------------------------------------------------------------------

@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(name: str) -> Callable[..., None]:
        def _refuse(*args: object, **kwargs: object) -> None:
            attempts.append(f"{name}{args[:2]}")
            raise OSError("network access is not allowed in this test")
        return _refuse

    monkeypatch.setattr(socket, "socket", refuse("socket"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


def test_load_validate_convert_and_export_make_no_connection(
        no_network: list[str], tmp_path: Path, capsys, write_dataset: Callable[..., Path]) -> None:
    from desktop.cli import main as cli_main
    from desktop.export.image import render_map, save_image
    from desktop.io.convert import convert
    from desktop.io.problems import DatasetError
    from desktop.io.registry import load
    from tests.hardening._fuzz import SEEDS

    for fmt, seeds in SEEDS.items():
        name, data = seeds[0]
        path = tmp_path / f"{fmt}-{name}"
        path.write_bytes(data)
        load(path)
        convert(path, tmp_path / f"{fmt}.gexf")
    for name in ("gexf/external_dtd.gexf", "graphml/external_entity.graphml", "gexf/xinclude.gexf"):
        with contextlib.suppress(DatasetError):
            load(CORPUS / name)
    source = write_dataset()
    assert cli_main(["validate", str(source)]) == 0
    assert cli_main(["export", str(source), "-o", str(tmp_path / "cli.png"), "--size", "64x64"]) == 0
    result = load(source)
    save_image(render_map(result.dataset, result.dataset.span[1], (64, 64)), tmp_path / "map.png")
    capsys.readouterr()
    assert no_network == []
