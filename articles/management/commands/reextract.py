"""``reextract``: run extraction again over every stored article's raw text."""

from django.core.management.base import BaseCommand, CommandError

from articles.importer.pipeline import BATCH_SIZE, reextract_articles


class Command(BaseCommand):
    help = (
        "Re-run extraction over the stored raw text with the current knowledge base. "
        "Articles an editor corrected in the admin are skipped unless --include-edited."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=BATCH_SIZE, help="Articles per transaction."
        )
        parser.add_argument(
            "--workers", type=int, default=None, help="Processes that extract (CPUs)."
        )
        parser.add_argument(
            "--include-edited",
            action="store_true",
            help="Re-extract edited articles too, replacing the editors' corrections.",
        )

    def handle(self, *args, batch_size, workers, include_edited, **options):
        def progress(record):
            if record.status == "failed":
                self.stderr.write(f"failed: article {record.article_id}: {record.error}")

        result = reextract_articles(
            batch_size=batch_size,
            workers=workers,
            progress=progress,
            include_edited=include_edited,
        )
        self.stdout.write(
            f"re-extracted {result.updated}, skipped {result.skipped} edited, "
            f"failed {result.failed}"
        )
        if result.failed:
            raise CommandError(f"{result.failed} article(s) failed", returncode=1)
