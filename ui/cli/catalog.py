"""``skranke catalog check [MAPPE]`` and ``skranke catalog list``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ui.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    StartupConfig,
    UsageError,
    checked_catalog,
    overlay,
)

if TYPE_CHECKING:
    from skranke.errors import Problem
    from skranke.vocabulary import Vocabulary


def run(args: argparse.Namespace, config: StartupConfig, vocabulary: Vocabulary) -> int:
    if args.catalog_command == "list":
        for solution in checked_catalog(config, vocabulary).solutions:
            fields = (solution.id, ",".join(solution.areas), solution.title_da, solution.url)
            print("\t".join(fields))
        return EXIT_OK
    return _check(args.folder, config, vocabulary)


def _check_folder_argument(folder: Path) -> None:
    if folder.is_file():
        raise UsageError(
            f"{folder} er en fil; 'catalog check' kontrollerer en mappe med katalogfiler. "
            f"Skriv mappen i stedet: skranke catalog check {folder.parent}"
        )
    if not folder.is_dir():
        raise UsageError(f"mappen {folder} findes ikke.")


def _check(folder: Path | None, config: StartupConfig, vocabulary: Vocabulary) -> int:
    from skranke.catalog import CATALOG_DIR, check_folder, load_catalog  # noqa: PLC0415
    from ui.messages import problem_text  # noqa: PLC0415

    problems: list[Problem]
    if folder is not None:
        _check_folder_argument(folder)
        problems = check_folder(folder, vocabulary, strict=False)
    else:
        problems = check_folder(CATALOG_DIR, vocabulary, strict=True)
        extra = overlay(config.settings)
        if extra is not None:
            problems += check_folder(extra, vocabulary, strict=False)
    for problem in sorted(problems, key=lambda p: (str(p.path), p.line or 0)):
        print(problem_text(problem))
    if problems:
        print(f"{len(problems)} fejl.", file=sys.stderr)
        return EXIT_PROBLEMS
    result = load_catalog(vocabulary, folder or overlay(config.settings))
    print(
        f"Kataloget er i orden: {len(result.catalog.solutions)} løsninger, "
        f"{len(result.catalog.packs)} pakker."
    )
    return EXIT_OK
