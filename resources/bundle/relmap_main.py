"""The bundle's entry script: the same ``relmap`` command a pip install gives.

Before numba is imported (it is, later, on a background thread): compile for the generic CPU of this
architecture, so the kernels the build compiled and shipped fit every machine (desktop/layout/
kernel_cache.py keeps them in a folder that does not depend on where the bundle was unpacked).
``relmap --warm-kernel-cache`` (run by the build, see relmap.spec) compiles every kernel and exits.
"""

import os
import sys

os.environ.setdefault("NUMBA_CPU_NAME", "generic")

from desktop.cli import main


def warm_kernel_cache() -> int:
    """Compile every kernel into the kernel cache folder (``RELMAP_KERNEL_CACHE``) and stop."""
    from desktop.canvas import edge_raster
    from desktop.layout import warm_up

    warm_up()
    edge_raster.warm_up()
    return 0


if __name__ == "__main__":
    sys.exit(warm_kernel_cache() if sys.argv[1:] == ["--warm-kernel-cache"] else main())
