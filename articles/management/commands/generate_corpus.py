"""``generate_corpus OUT_DIR --count N [--seed S] [--manifest]``: write synthetic scraped pages."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.corpus import KNOWLEDGE_BASE_PATH, MANIFEST_NAME, load_knowledge, write_corpus


class Command(BaseCommand):
    help = (
        "Write N synthetic scraped news pages about leaders' meetings into OUT_DIR; "
        "the same count and seed always give the same files."
    )

    def add_arguments(self, parser):
        parser.add_argument("out_dir", type=Path, help="folder to write into (created if missing)")
        parser.add_argument("--count", type=int, required=True, help="how many pages to write")
        parser.add_argument("--seed", default="0", help="seed of the random choices (default 0)")
        parser.add_argument(
            "--manifest",
            action="store_true",
            help=f"also write {MANIFEST_NAME}: one JSON object of ground truth per page",
        )
        parser.add_argument(
            "--knowledge",
            type=Path,
            default=KNOWLEDGE_BASE_PATH,
            help="knowledge-base JSON file (default: the app's fixture)",
        )

    def handle(self, *args, out_dir, count, seed, manifest, knowledge, **options):
        if count < 0:
            raise CommandError("--count must not be negative")
        try:
            knowledge_base = load_knowledge(knowledge)
        except (OSError, ValueError) as error:
            raise CommandError(f"cannot read the knowledge base {knowledge}: {error}") from error
        try:
            write_corpus(out_dir, count, seed=seed, knowledge=knowledge_base, manifest=manifest)
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"wrote {count} pages to {out_dir}")
