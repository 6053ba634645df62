__skranke_package__ = True  # main.py checks that this package is Skranke's own
