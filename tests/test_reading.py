"""Reading files: encodings, normalisation, and the files and folders that are refused."""

import hashlib
import os
from pathlib import Path

import pytest

from articles.importer.reading import FileEntry, ReadError, iter_sources, read_page

RUSSIAN = "Путин встретился с Назарбаевым в Москве 23 декабря 2014 года.\nПрезидент прибыл."
FRENCH = "Le Président a rencontré le Ministre à Genève, déjà en été. Señor Muñoz était là."


def read(path: Path, *, max_bytes: int = 5_000_000):
    return read_page(FileEntry(str(path), path.name), max_bytes=max_bytes)


def test_it_decodes_cp1251_and_keeps_the_raw_text_verbatim(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_bytes(RUSSIAN.replace("\n", "\r\n").encode("cp1251"))

    page = read(path)

    assert page.raw_text == RUSSIAN.replace("\n", "\r\n")
    assert page.encoding == "cp1251"
    assert page.raw_text.encode(page.encoding) == path.read_bytes()
    assert page.text == RUSSIAN


def test_it_decodes_latin_1(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_bytes(FRENCH.encode("latin-1"))

    page = read(path)

    assert page.raw_text == FRENCH
    assert page.raw_text.encode(page.encoding) == path.read_bytes()


def test_it_reads_utf8_with_a_bom_and_hashes_the_bytes(tmp_path):
    path = tmp_path / "bom.txt"
    data = "\ufeffPutin meets Nazarbayev".encode()
    path.write_bytes(data)

    page = read(path)

    assert page.raw_text == "Putin meets Nazarbayev"
    assert page.encoding == "utf-8-sig"
    assert page.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_it_reads_utf16_with_a_bom(tmp_path, encoding):
    path = tmp_path / "page.txt"
    path.write_bytes("\ufeff".encode(encoding) + RUSSIAN.encode(encoding))

    page = read(path)

    assert (page.encoding, page.raw_text) == ("utf-16", RUSSIAN)


def test_it_normalises_line_ends_nbsp_and_unicode_for_extraction(tmp_path):
    path = tmp_path / "crlf.txt"
    raw = "Title\r\nPresident\u00a0Putin\rsaid Cafe\u0301"
    path.write_bytes(raw.encode())

    page = read(path)

    assert page.raw_text == raw
    assert page.text == "Title\nPresident Putin\nsaid Café"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b" \n\t\r\n  ", "only whitespace"),
        (b"Putin\x00meets", "NUL"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (bytes(range(1, 9)) * 50 + b"text", "binary"),
        ("Putin meets\x00Nazarbayev in Moscow".encode("utf-16"), "NUL"),
        (("\x01\x02\x03" * 50 + "text").encode("utf-16"), "binary"),
    ],
    ids=["empty", "whitespace", "nul", "png", "controls", "utf-16-nul", "utf-16-controls"],
)
def test_it_refuses_files_that_are_not_text(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)

    with pytest.raises(ReadError, match=reason):
        read(path)


def test_it_refuses_a_file_over_the_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 100)

    with pytest.raises(ReadError, match="larger than the limit of 499 bytes"):
        read(path, max_bytes=499)
    assert read(path, max_bytes=500).text.startswith("word")


def test_it_lists_txt_files_recursively_in_order_with_relative_names(tmp_path):
    for name in ["b.txt", "a/z.txt", "a/y.txt", "c.md", "a/b/x.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")

    names = [entry.name for entry in iter_sources([tmp_path])]

    assert names == ["a/b/x.txt", "a/y.txt", "a/z.txt", "b.txt"]


def test_it_reads_a_file_named_directly_whatever_its_extension(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("x")

    assert [entry.name for entry in iter_sources([path])] == ["page.html"]


def test_it_reports_a_path_that_does_not_exist(tmp_path):
    [entry] = iter_sources([tmp_path / "missing"])

    assert entry.problem == "no such file or folder"


def test_it_reports_a_symlink_loop_and_lists_the_rest(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "page.txt").write_text("x")
    (tmp_path / "a" / "back").symlink_to(tmp_path)
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")

    entries = list(iter_sources([tmp_path]))

    assert [(e.name, e.problem) for e in entries] == [
        ("a/back", "symbolic link loop: the folder contains itself"),
        ("a/page.txt", None),
        ("self.txt", "symbolic link loop"),
    ]
    with pytest.raises(ReadError, match="symbolic link loop"):
        read(tmp_path / "self.txt")


def test_it_reports_a_folder_it_cannot_list_and_goes_on(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "page.txt").write_text("x")
    scandir = os.scandir

    def refuse_locked(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse_locked)

    entries = list(iter_sources([tmp_path]))

    assert [(e.name, e.problem) for e in entries] == [
        ("locked", "cannot list folder: permission denied"),
        ("open/page.txt", None),
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders without read permission")
def test_it_reports_a_folder_without_read_permission(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "page.txt").write_text("x")
    locked.chmod(0)
    try:
        entries = list(iter_sources([tmp_path]))
    finally:
        locked.chmod(0o755)

    assert [(e.name, e.problem) for e in entries] == [
        ("locked", "cannot list folder: permission denied")
    ]


def test_it_reports_a_file_that_vanished_after_listing(tmp_path):
    (tmp_path / "gone.txt").write_text("x")
    [entry] = list(iter_sources([tmp_path]))
    (tmp_path / "gone.txt").unlink()

    with pytest.raises(ReadError, match="vanished"):
        read_page(entry, max_bytes=100)
