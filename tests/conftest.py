"""Shared fixtures: the seed pages (read from ../shared/seeds, never copied) and users."""

from pathlib import Path

import pytest

SEEDS_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash test passwords cheaply: the real hasher costs about half a second per password."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seeds_dir() -> Path:
    """The folder of the two sample pages; tests that need it skip where it is absent."""
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed pages not found at {SEEDS_DIR} (they live beside the repo, in shared/)")
    return SEEDS_DIR


@pytest.fixture
def staff_client(client, django_user_model):
    """A client logged in as a staff user with every permission."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-Ed1tor!")
    client.force_login(user)
    return client
