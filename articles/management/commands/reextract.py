"""``reextract``: run extraction again over every stored article's raw text."""

from django.core.management.base import BaseCommand, CommandError

from articles.importer.pipeline import BATCH_SIZE, reextract_articles


class Command(BaseCommand):
    help = "Re-run extraction over the stored raw text with the current knowledge base."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=BATCH_SIZE, help="Articles per transaction."
        )
        parser.add_argument(
            "--workers", type=int, default=None, help="Processes that extract (CPUs)."
        )

    def handle(self, *args, batch_size, workers, **options):
        def progress(record):
            if record.status == "failed":
                self.stderr.write(f"failed: article {record.article_id}: {record.error}")

        result = reextract_articles(batch_size=batch_size, workers=workers, progress=progress)
        self.stdout.write(f"re-extracted {result.updated}, failed {result.failed}")
        if result.failed:
            raise CommandError(f"{result.failed} article(s) failed", returncode=1)
