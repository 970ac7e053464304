"""Turn an input File (model §4.4) into Paradox's ``resume`` + ``resume_file_name``.

A CV must be one of the formats Paradox takes: PDF, DOC, DOCX, TXT, PNG or JPEG. The declared
type is checked against the first bytes, so a renamed executable is not sent as a "PDF".
"""

from __future__ import annotations

import base64
import binascii
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from tap_paradox.target.downloads import Download
from tap_paradox.target.errors import InputInvalidError

CV_TYPES = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/plain": "txt",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/jpg": "jpg",
}
EXTENSION_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}
MAGIC = {
    "pdf": (b"%PDF",),
    "doc": (b"\xd0\xcf\x11\xe0",),
    "docx": (b"PK\x03\x04",),
    "png": (b"\x89PNG",),
    "jpg": (b"\xff\xd8\xff",),
}
GENERIC_TYPES = frozenset({"application/octet-stream", "binary/octet-stream"})


@dataclass(frozen=True)
class ResumeUpload:
    """The body keys for a CV, and its decoded size."""

    resume: str
    file_name: str
    size: int

    def body(self) -> dict[str, str]:
        """Return ``{"resume": …, "resume_file_name": …}``."""
        return {"resume": self.resume, "resume_file_name": self.file_name}


def check_file_shape(file: Mapping[str, Any], where: str) -> None:
    """Exactly one of ``data`` / ``data_url``; ``data`` needs a meaningful ``content_type``."""
    has_data, has_url = "data" in file, "data_url" in file
    if has_data == has_url:
        msg = f"{where} needs exactly one of data and data_url"
        raise InputInvalidError(msg, field=where)
    if has_data:
        content_type = str(file.get("content_type") or "").lower()
        if not content_type or content_type in GENERIC_TYPES:
            shown = content_type or "empty"
            msg = f"{where}.content_type is required with data and must not be {shown}"
            raise InputInvalidError(msg, field=f"{where}.content_type")


def prepare_resume(
    file: Mapping[str, Any],
    where: str,
    *,
    max_bytes: int,
    fetch: Callable[[str], Download],
) -> ResumeUpload:
    """Decode or download a CV, check its size and format, and name it."""
    check_file_shape(file, where)
    if "data" in file:
        text = "".join(str(file["data"]).split())
        try:
            content = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError) as error:
            msg = f"{where}.data is not valid base64"
            raise InputInvalidError(msg, field=f"{where}.data") from error
        extension = _extension_for_type(str(file["content_type"]).lower(), where)
    else:
        try:
            downloaded = fetch(str(file["data_url"]))
        except InputInvalidError as error:
            # The downloader speaks of "data_url"; name the attachment it belongs to.
            raise InputInvalidError(
                f"{where}.{error.message}", field=f"{where}.data_url"
            ) from error
        content = downloaded.content
        text = base64.b64encode(content).decode("ascii")
        extension = _extension_of_download(downloaded, where)
    if len(content) > max_bytes:
        msg = f"{where} is larger than resume_max_bytes ({max_bytes} bytes)"
        raise InputInvalidError(msg, field=where)
    _check_content(content, extension, where)
    return ResumeUpload(
        resume=text, file_name=_file_name(file, extension, where), size=len(content)
    )


def _extension_for_type(content_type: str, where: str) -> str:
    extension = CV_TYPES.get(content_type)
    if extension is None:
        msg = f"{where} has type {content_type}; a CV must be PDF, DOC, DOCX, TXT, PNG or JPEG"
        raise InputInvalidError(msg, field=f"{where}.content_type")
    return extension


def _extension_of_download(downloaded: Download, where: str) -> str:
    declared = downloaded.content_type
    if declared and declared not in GENERIC_TYPES:
        return _extension_for_type(declared, where)
    suffix = posixpath.splitext(urlsplit(downloaded.url).path)[1].lstrip(".").lower()
    if suffix in EXTENSION_TYPES:
        return CV_TYPES[EXTENSION_TYPES[suffix]]
    msg = f"{where}.data_url gave no usable Content-Type and its URL has no CV file extension"
    raise InputInvalidError(msg, field=f"{where}.data_url")


def _check_content(content: bytes, extension: str, where: str) -> None:
    if not content:
        msg = f"{where} is empty"
        raise InputInvalidError(msg, field=where)
    if extension == "txt":
        if b"\x00" in content:
            msg = f"{where} is declared as text but holds binary data"
            raise InputInvalidError(msg, field=where)
        return
    if not content.startswith(MAGIC[extension]):
        msg = f"{where} is declared as {extension.upper()} but its content is not one"
        raise InputInvalidError(msg, field=where)


def _file_name(file: Mapping[str, Any], extension: str, where: str) -> str:
    name = str(file.get("name") or "").strip()
    if not name:
        return f"CV.{extension}"
    suffix = posixpath.splitext(name)[1].lstrip(".").lower()
    if suffix not in EXTENSION_TYPES:
        msg = f"{where}.name needs a CV file extension (.pdf .doc .docx .txt .png .jpg)"
        raise InputInvalidError(msg, field=f"{where}.name")
    return name
