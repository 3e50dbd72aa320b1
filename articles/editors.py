"""Editor accounts: staff users in the ``Editors`` group (made by migration 0003).

Editors may add, change, delete and view the archive's data, and nothing about accounts:
only a superuser (``createsuperuser``) manages users, groups and permissions.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

EDITORS_GROUP = "Editors"


@transaction.atomic
def make_editor(username: str, *, password: str | None = None, email: str = ""):
    """Make ``username`` a staff member of the Editors group, creating the account if need be.

    A new account needs ``password`` (checked by the password validators); an existing one keeps
    its password. Returns ``(user, created)``. Raises ``Group.DoesNotExist`` before migrations
    have run, ``ValueError`` for a new account without a password, and the validators'
    ``ValidationError`` for a weak one.
    """
    editors = Group.objects.get(name=EDITORS_GROUP)
    User = get_user_model()
    user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
    created = user is None
    if created:
        if not password:
            raise ValueError(f"a password is needed to create the account {username!r}")
        user = User(**{User.USERNAME_FIELD: username}, email=email)
        validate_password(password, user)
        user.set_password(password)
    user.is_staff = True
    user.save()
    user.groups.add(editors)
    return user, created
