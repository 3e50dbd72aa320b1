"""The production settings, for the app server that the database-outage tests start.

Production serves static files under the hashed names that ``collectstatic`` records in a
manifest; this throwaway server has no manifest, so it names them plainly. Nothing else differs.
"""

from archive.settings import *  # noqa: F403
from archive.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
