"""``import_articles PATH [PATH …]``: import scraped pages (files and folders of ``*.txt``)."""

import json
import os
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.importer.pipeline import FileResult, import_paths


def json_record(record: FileResult) -> dict:
    """The contract's extraction record for one file (DESIGN.md), plus the import outcome."""
    extraction = record.extraction
    if record.status == "failed" or extraction is None:
        return {
            "file": record.file,
            "sha256": None,
            "status": "error",
            "error": record.error,
            **dict.fromkeys(
                ["title", "published", "language", "source", "bylines", "people", "places"]
                + ["organizations", "events", "quotes", "outcome", "duplicate_of"]
            ),
        }
    return {
        "file": record.file,
        "sha256": record.sha256,
        "status": "ok",
        "error": None,
        **extraction.contract_fields(),
        # Beyond the contract: what the import did (what it would do, for a dry run).
        "outcome": record.status,
        "duplicate_of": record.duplicate_of,
    }


class Command(BaseCommand):
    help = (
        "Import scraped news pages: files and folders (recursive, *.txt). A file imported "
        "before whose content changed replaces its article, even one an editor corrected."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--dry-run", action="store_true", help="Extract, write nothing.")
        parser.add_argument(
            "--json", action="store_true", help="Print one JSON object per file (JSON Lines)."
        )
        parser.add_argument(
            "--max-bytes", type=int, default=None, help="Refuse larger files (IMPORT_MAX_BYTES)."
        )
        parser.add_argument(
            "--workers", type=int, default=None, help="Processes that read and extract (CPUs)."
        )
        parser.add_argument(
            "--batch-size", type=int, default=None, help="Files saved per transaction."
        )

    def handle(self, *args, paths, dry_run, max_bytes, workers, batch_size, **options):
        as_json = options["json"]
        bar = tqdm(unit=" files", file=sys.stderr, disable=not sys.stderr.isatty())

        def progress(record: FileResult):
            bar.update()
            with tqdm.external_write_mode(file=sys.stderr):
                if record.status == "failed":
                    self.stderr.write(f"failed: {record.path or record.file}: {record.error}")
                if as_json:
                    self.stdout.write(json.dumps(json_record(record), ensure_ascii=False))

        extra = {} if batch_size is None else {"batch_size": batch_size}
        try:
            with bar:
                result = import_paths(
                    paths,
                    dry_run=dry_run,
                    max_bytes=max_bytes,
                    progress=progress,
                    workers=workers,
                    **extra,
                )
        except BrokenPipeError:
            # The reader went away (`--json | head`): stop quietly. Saved batches stay saved.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise CommandError("standard output was closed; stopped", returncode=1) from None
        (self.stderr if as_json else self.stdout).write(result.summary())
        if result.failed:
            raise CommandError(f"{result.failed} file(s) failed", returncode=1)
