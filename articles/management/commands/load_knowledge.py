"""``load_knowledge [FILE]``: add what the knowledge-base file holds and the database lacks."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.knowledge import KNOWLEDGE_BASE_PATH, load_knowledge_base, read_knowledge_base


class Command(BaseCommand):
    help = "Add the leaders, offices, places and organizations of a knowledge-base JSON file."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, default=KNOWLEDGE_BASE_PATH)

    def handle(self, *args, file, **options):
        with transaction.atomic():
            added = load_knowledge_base(read_knowledge_base(file))
        self.stdout.write(", ".join(f"added {count} {name}" for name, count in added.items()))
