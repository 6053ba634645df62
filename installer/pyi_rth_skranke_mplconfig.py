"""PyInstaller run-time hook: matplotlib's settings and font list in Skranke's own cache folder.

PyInstaller's own hook (pyi_rth_mplconfig, left out by installer/skranke.spec) gives matplotlib
a new temporary folder on every start, so the first chart of every start rebuilds the font list
(0.7 s more here with 110 fonts; Windows has several hundred). This keeps it between starts and
still apart from any matplotlibrc a user may have.
"""

import os

import platformdirs

os.environ.setdefault(
    "MPLCONFIGDIR",
    os.path.join(platformdirs.user_cache_dir("skranke", appauthor=False), "matplotlib"),
)
