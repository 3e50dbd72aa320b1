"""``create_editor USERNAME``: make a staff account in the Editors group.

The password of a new account comes from ``EDITOR_PASSWORD`` or a prompt, never from the command
line, where other users of the machine and the shell history would see it.
"""

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from articles.editors import EDITORS_GROUP, make_editor

PASSWORD_VARIABLE = "EDITOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Make USERNAME an editor (staff, in the Editors group), creating the account if needed. "
        f"A new account's password is read from {PASSWORD_VARIABLE} or asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="", help="for a new account")

    def handle(self, *args, username, email, **options):
        if not Group.objects.filter(name=EDITORS_GROUP).exists():
            raise CommandError(f"No {EDITORS_GROUP} group: run 'manage.py migrate' first.")
        password = os.environ.get(PASSWORD_VARIABLE) or None
        User = get_user_model()
        exists = User._default_manager.filter(**{User.USERNAME_FIELD: username}).exists()
        if password is None and not exists:
            password = self.ask_password(username)
        try:
            user, created = make_editor(username, password=password, email=email)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if created:
            self.stdout.write(f"Created editor {user.get_username()}.")
        else:
            self.stdout.write(f"{user.get_username()} is now an editor (password unchanged).")

    def ask_password(self, username: str) -> str:
        if not sys.stdin.isatty():
            raise CommandError(
                f"{username!r} does not exist yet: set {PASSWORD_VARIABLE} or run this on a "
                "terminal to be asked for a password."
            )
        password = getpass.getpass(f"Password for {username}: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords differ.")
        return password
