"""Skranke's domain core: contacts, vocabularies, settings and tallies.

Pure Python. Never imports Qt or SQL libraries; ``ui`` and ``database`` build on it.
"""

__version__ = "0.1.0"
__skranke_package__ = True  # main.py checks that this package is Skranke's own
