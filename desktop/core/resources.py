"""Where the app's own files are, whether it runs from a checkout, a wheel or a bundle."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

BUILTIN_DATASET = ("datasets", "kerry-2013-2014.json")


@cache
def resource_root() -> Path:
    """The folder holding datasets/, schema/, icons/ and desktop/.

    An installed wheel carries it as the package ``desktop.resources``; a checkout has it at the top
    level beside ``desktop/``.
    """
    try:
        root = Path(str(resources.files("desktop.resources")))
        if (root / "schema").is_dir():
            return root
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


def builtin_dataset_path() -> Path:
    return resource_path(*BUILTIN_DATASET)
