"""Reading: from paths on disk to decoded pages, or to a reason why a file cannot be read.

``iter_sources`` walks files and folders (recursive, ``*.txt``, sorted) lazily and reports the
folders it cannot enter; ``read_page`` decodes one file. Neither stops on a bad file: the
caller gets a ``ReadError`` with a reason it can show, and goes on with the next file.
"""

import errno
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

# The scraped pages that are not UTF-8 are Russian (cp1251, sometimes KOI8-R) or Western
# (latin-1/cp1252). Without this shortlist the detector takes short latin-1 pages for Baltic
# cp1257, so we only let it choose among encodings these sources use.
CANDIDATE_ENCODINGS = ["cp1251", "cp1252", "latin_1", "koi8_r"]

# Control characters other than tab, newlines and form feed are not found in text; a file with
# more than this share of them is binary whatever encoding "fits" it.
MAX_CONTROL_SHARE = 0.05
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


class ReadError(Exception):
    """A file that cannot be imported; ``str()`` is the reason shown to the user."""


@dataclass(frozen=True)
class FileEntry:
    """A path to read, the name it is stored under, or why it cannot be read (``problem``)."""

    path: str
    name: str
    problem: str | None = None


@dataclass
class Page:
    """One decoded file: ``raw_text`` exactly as decoded, ``text`` normalised for extraction.

    ``name`` is what the file is shown as; ``source_path`` is the file's resolved absolute
    path, which tells a new version of the same file from another file of the same name.
    """

    name: str
    sha256: str
    encoding: str
    raw_text: str
    text: str
    source_path: str = ""


def iter_sources(paths: Iterable[str | os.PathLike]) -> Iterator[FileEntry]:
    """Every ``*.txt`` file under ``paths`` in sorted order, and a problem for what is unreadable.

    A file named directly is read whatever its extension. A file's ``name`` is its path relative
    to the folder given (its own name when given directly). Symbolic links to folders are
    followed, but a link back to a folder being walked is reported as a loop.
    """
    for given in paths:
        path = Path(given)
        try:
            is_dir = path.is_dir()
        except OSError as error:
            yield FileEntry(str(path), path.name, _reason(error))
            continue
        if is_dir:
            yield from _walk(path, path, ancestors=())
        elif path.exists() or path.is_symlink():
            yield FileEntry(str(path), path.name)
        else:
            yield FileEntry(str(path), path.name, "no such file or folder")


def _walk(root: Path, folder: Path, ancestors: tuple[tuple[int, int], ...]) -> Iterator[FileEntry]:
    name = folder.relative_to(root).as_posix()
    try:
        stat = folder.stat()
        identity = (stat.st_dev, stat.st_ino)
        if identity in ancestors:
            yield FileEntry(str(folder), name, "symbolic link loop: the folder contains itself")
            return
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield FileEntry(str(folder), name, f"cannot list folder: {_reason(error)}")
        return
    ancestors = (*ancestors, identity)
    for entry in entries:
        entry_path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError as error:
            yield FileEntry(entry.path, entry_path.relative_to(root).as_posix(), _reason(error))
            continue
        if is_dir:
            yield from _walk(root, entry_path, ancestors)
        elif entry.name.endswith(".txt"):
            yield FileEntry(entry.path, entry_path.relative_to(root).as_posix())


def read_page(entry: FileEntry, *, max_bytes: int) -> Page:
    """Read and decode one file; raise ``ReadError`` saying why it cannot be imported."""
    if entry.problem:
        raise ReadError(entry.problem)
    try:
        with open(entry.path, "rb") as handle:
            # One byte past the limit tells "too large" without reading a huge file whole,
            # and also catches a file that grew after it was listed.
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise ReadError(_reason(error)) from None
    if len(data) > max_bytes:
        raise ReadError(f"file is larger than the limit of {max_bytes} bytes")
    raw_text, encoding = decode(data)
    if not raw_text.strip():
        raise ReadError("file contains only whitespace")
    return Page(
        name=entry.name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        raw_text=raw_text,
        text=normalise_text(raw_text),
        source_path=str(Path(entry.path).resolve()),
    )


def decode(data: bytes) -> tuple[str, str]:
    """The text in ``data`` and its encoding, such that ``text.encode(encoding) == data``."""
    if not data:
        raise ReadError("file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise ReadError("file starts like UTF-16 but is not valid UTF-16") from None
    else:
        # In UTF-16 every ASCII character has a NUL byte, so this test waits for the text.
        if b"\x00" in data:
            raise ReadError("binary file: contains NUL bytes")
        encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            match = from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
            if match is None:
                raise ReadError("binary file: no text encoding fits it") from None
            encoding = match.encoding
            text = data.decode(encoding)
    # The checks below apply to every decoded text, UTF-16 included: a NUL would reach the
    # database, where PostgreSQL refuses it in text columns.
    if "\x00" in text:
        raise ReadError("binary file: contains NUL characters")
    if len(CONTROL_CHARACTERS.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise ReadError("binary file: mostly control characters, not text")
    return text, encoding


def normalise_text(raw_text: str) -> str:
    """The text extraction sees: ``\\n`` line ends, plain spaces for NBSP, Unicode NFC."""
    text = raw_text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return unicodedata.normalize("NFC", text)


def _reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "file vanished before it could be read"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a folder, not a file"
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    return error.strerror or str(error)
