"""The command line: the parser (in Danish) and one small module per sub-command.

``main.py`` reads the settings, then hands a :class:`~ui.cli.common.StartupConfig` to the
command's ``run``. Every module imports its heavy parts (SQLAlchemy, reportlab, openpyxl) when
it runs, so ``skranke --help`` and the window's start stay fast.
"""
