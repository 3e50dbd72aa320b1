"""Every kind of bad file a scraper produces, imported together with good ones through the
command: each bad one is reported with its reason, every good one goes in, the exit status
is 1, and a second run changes nothing."""

import io
import os

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article

GOOD_PAGE = (
    "Tokayev meets Mirziyoyev in Tashkent\n\n12 March 2021\n\n"
    "President of Kazakhstan Kassym-Jomart Tokayev held talks with President of Uzbekistan "
    "Shavkat Mirziyoyev in Tashkent on March 11. The leaders discussed trade and cooperation.\n"
)
RUSSIAN_PAGE = (
    "Лукашенко и Путин провели переговоры в Минске\n\n15 мая 2019\n\n"
    "Президент Белоруссии Александр Лукашенко и Президент России Владимир Путин провели "
    "переговоры в Минске. Стороны обсудили торговлю и сотрудничество.\n"
)
LATIN_1_PAGE = (
    "Aliyev receives a delegation in Baku\n\n3 June 2015\n\n"
    "President Ilham Aliyev met the delegation of the café owners' association of Zürich "
    "in Baku on June 2 and discussed trade.\n"
)


@pytest.fixture
def corpus(tmp_path):
    """A folder of good and bad files, and the reason expected for each bad one."""
    folder = tmp_path / "scraped"
    folder.mkdir()
    files = {
        "good.txt": GOOD_PAGE.encode(),
        "russian-cp1251.txt": RUSSIAN_PAGE.encode("cp1251"),
        "latin-1.txt": LATIN_1_PAGE.encode("latin-1"),
        # Mostly UTF-8 with a stray byte a broken scraper left: still text, kept.
        "invalid-utf8.txt": GOOD_PAGE.replace("Tashkent", "Tash\udcffkent", 1).encode(
            "utf-8", "surrogateescape"
        ),
        "no-date-or-title.txt": b"the leaders discussed many things and more things and so on",
        "german.txt": b"Gipfeltreffen in Berlin\n\nDie Staatschefs trafen sich gestern.\n",
        "one-long-line.txt": ("word " * 200_000).encode(),
        "empty.txt": b"",
        "whitespace.txt": b" \n\t\n   \r\n",
        "nul-bytes.txt": b"Title\n\x00\x00\x00 binary junk \x00",
        "picture.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    }
    for name, content in files.items():
        (folder / name).write_bytes(content)
    with (folder / "huge.txt").open("wb") as huge:
        huge.truncate(50 * 1024 * 1024)
        huge.seek(0)
        huge.write(GOOD_PAGE.encode())
    (folder / "loop").symlink_to(folder)
    # Listed, then gone by the time it is read: a file removed during the run.
    (folder / "vanished.txt").symlink_to(folder / "removed-meanwhile.txt")
    reasons = {
        "empty.txt": "empty",
        "whitespace.txt": "only whitespace",
        "nul-bytes.txt": "binary",
        "picture.txt": "binary",
        "huge.txt": "larger than the limit",
        "loop": "symbolic link loop",
        "vanished.txt": "vanished",
    }
    good = {name for name in files if name not in reasons}
    return folder, good, reasons


def run_import(folder) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", str(folder), "--workers", "0", stdout=out, stderr=err)
        status = 0
    except CommandError as error:
        status = error.returncode
    return status, out.getvalue(), err.getvalue()


@pytest.mark.slow
@pytest.mark.django_db
def test_bad_files_are_reported_good_ones_imported_and_a_second_run_changes_nothing(corpus):
    folder, good, reasons = corpus

    status, out, err = run_import(folder)

    assert status == 1
    assert out.strip().splitlines()[-1] == (
        f"imported {len(good)}, updated 0, unchanged 0, failed {len(reasons)}"
    )
    for name, reason in reasons.items():
        lines = [line for line in err.splitlines() if name in line]
        assert lines and reason in lines[0], (name, err)
    assert set(Article.objects.values_list("file_name", flat=True)) == good
    russian = Article.objects.get(file_name="russian-cp1251.txt")
    assert russian.encoding.lower().replace("-", "") in {"cp1251", "windows1251"}
    assert russian.title == "Лукашенко и Путин провели переговоры в Минске"
    assert "café" in Article.objects.get(file_name="latin-1.txt").raw_text
    assert Article.objects.get(file_name="no-date-or-title.txt").published_date is None

    rows_before = (
        Article.objects.count(),
        sorted(Article.objects.values_list("sha256", "updated_at")),
    )
    status, out, _ = run_import(folder)

    assert status == 1
    assert out.strip().splitlines()[-1] == (
        f"imported 0, updated 0, unchanged {len(good)}, failed {len(reasons)}"
    )
    rows_after = (
        Article.objects.count(),
        sorted(Article.objects.values_list("sha256", "updated_at")),
    )
    assert rows_after == rows_before


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders without read permission")
@pytest.mark.django_db
def test_a_folder_without_read_permission_is_reported_and_the_rest_imported(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD_PAGE)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(GOOD_PAGE + "more")
    locked.chmod(0)
    try:
        status, out, err = run_import(tmp_path)
    finally:
        locked.chmod(0o755)
    assert status == 1
    assert "locked" in err and "permission denied" in err
    assert list(Article.objects.values_list("file_name", flat=True)) == ["good.txt"]
