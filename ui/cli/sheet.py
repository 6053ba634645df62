"""``skranke sheet LØSNING --out FIL.pdf`` and ``skranke sheet --pack PAKKE --out FIL.pdf``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ui.cli.common import EXIT_OK, StartupConfig, UsageError, checked_catalog

if TYPE_CHECKING:
    from skranke.catalog import Catalog
    from skranke.sheets import Sender, SheetOptions
    from skranke.vocabulary import Vocabulary


def _check_options(args: argparse.Namespace) -> None:
    """Refuse what cannot be rendered before loading anything."""
    if (args.solution is None) == (args.pack is None):
        raise UsageError("angiv enten en løsnings id eller --pack PAKKE.")
    if args.out.suffix.lower() != ".pdf":
        raise UsageError(
            f"{args.out} ender ikke på .pdf, men 'sheet' skriver en PDF-fil. Giv filen den "
            f"endelse (fx {args.out.with_suffix('.pdf').name}). Intet er skrevet."
        )
    if args.large_print and args.format != "a4":
        raise UsageError(
            "stor skrift (--large-print) findes kun i A4; udelad --format slip eller --large-print."
        )


def run(args: argparse.Namespace, config: StartupConfig, vocabulary: Vocabulary) -> int:
    from skranke.sheets import Sender, SheetOptions  # noqa: PLC0415

    _check_options(args)
    catalog = checked_catalog(config, vocabulary)
    sender = Sender(catalog.issuer_name(config.municipality), catalog.contact)
    options = SheetOptions(language=args.lang, large_print=args.large_print, format=args.format)
    pdf = _render(args, catalog, options, sender)
    try:
        args.out.write_bytes(pdf)
    except OSError as error:
        raise UsageError(
            f"kan ikke skrive {args.out}: {error.strerror or error}. Vælg en mappe, du må skrive i."
        ) from error
    print(f"{args.out}\t{len(pdf)} bytes")
    return EXIT_OK


def _render(
    args: argparse.Namespace, catalog: Catalog, options: SheetOptions, sender: Sender
) -> bytes:
    from skranke.sheets import render_pack, render_sheet  # noqa: PLC0415

    if args.pack is not None:
        pack = catalog.pack(args.pack)
        if pack is None:
            known = ", ".join(p.id for p in catalog.packs)
            raise UsageError(f"pakken '{args.pack}' findes ikke (kendte: {known}).")
        solutions = [s for s in (catalog.get(i) for i in pack.solutions) if s is not None]
        return render_pack(pack, solutions, options, sender)
    solution = catalog.get(args.solution)
    if solution is None:
        raise UsageError(
            f"løsningen '{args.solution}' findes ikke i kataloget (se 'skranke catalog list')."
        )
    return render_sheet(solution, options, sender)
