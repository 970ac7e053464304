"""Stream-parse the customer's XML job feed (contract §6) with flat memory.

The feed can hold 100,000+ jobs and hundreds of MB, so it is read with lxml ``iterparse``:
each ``<job>`` is turned into a plain dict and then cleared and detached, together with the
siblings before it, so the tree never grows. Gzip is recognised by its magic bytes, never by
headers. The parser resolves no entities, loads no DTD and never touches the network, so a
hostile document (an entity bomb, an external entity) cannot expand or call out.
"""

from __future__ import annotations

import gzip
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from lxml import etree

GZIP_MAGIC = b"\x1f\x8b"
METADATA_ELEMENTS = ("publisher", "publisherurl", "lastBuildDate")
_LOGGER = logging.getLogger(__name__)


class FeedError(ValueError):
    """The feed is not a well-formed XML document; names the line where parsing stopped."""


@dataclass
class FeedJob:
    """One ``<job>``: child element name -> text (CDATA unwrapped; repeats become lists)."""

    fields: dict[str, str | list[str]]
    position: int = 0  # 1-based ordinal of the <job> element in the document

    @property
    def reference_number(self) -> str | None:
        """Return the trimmed ``referencenumber`` (the first one if repeated), or ``None``."""
        value = self.fields.get("referencenumber")
        if isinstance(value, list):
            value = value[0] if value else None
        return value.strip() or None if isinstance(value, str) else None


class _PrefixedStream(io.RawIOBase):
    """A binary stream with a few already-read bytes put back in front."""

    def __init__(self, prefix: bytes, source: BinaryIO) -> None:
        self._prefix = prefix
        self._source = source

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            size = min(len(buffer), len(self._prefix))
            buffer[:size] = self._prefix[:size]
            self._prefix = self._prefix[size:]
            return size
        chunk = self._source.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def open_feed_stream(source: BinaryIO) -> BinaryIO:
    """Return the decompressed feed bytes: gzip when the stream starts with ``1F 8B``."""
    head = b""
    while len(head) < len(GZIP_MAGIC):
        chunk = source.read(len(GZIP_MAGIC) - len(head))
        if not chunk:
            break
        head += chunk
    stream: BinaryIO = io.BufferedReader(_PrefixedStream(head, source))
    if head == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=stream, mode="rb")
    return stream


def _parser_events(stream: BinaryIO, events: tuple[str, ...]) -> etree.iterparse:
    return etree.iterparse(
        stream,
        events=events,
        tag=("{*}job", *(f"{{*}}{name}" for name in METADATA_ELEMENTS)),
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=True,  # single huge descriptions are legitimate; entities stay unexpanded
        remove_comments=True,
        remove_pis=True,
        strip_cdata=True,
    )


def _local_name(element: etree._Element) -> str:
    return etree.QName(element).localname


def _element_text(element: etree._Element) -> str:
    """Return an element's content: its text, or its inner markup when it has children."""
    if not len(element):
        return element.text or ""
    # A description sent as raw HTML elements instead of CDATA keeps its markup; an
    # unresolved entity reference is written back as the reference, never expanded.
    inner = "".join(etree.tostring(child, encoding="unicode", with_tail=True) for child in element)
    return (element.text or "") + inner


def _job_fields(job: etree._Element) -> dict[str, str | list[str]]:
    fields: dict[str, str | list[str]] = {}
    for child in job:
        if not isinstance(child.tag, str):
            continue  # comments, processing instructions, entity references between children
        name = _local_name(child)
        text = _element_text(child)
        existing = fields.get(name)
        if existing is None:
            fields[name] = text
        elif isinstance(existing, list):
            existing.append(text)
        else:
            fields[name] = [existing, text]
    return fields


def _release(element: etree._Element) -> None:
    """Clear a processed element and drop it and its earlier siblings from the tree."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is None:
        return
    while element.getprevious() is not None:
        del parent[0]
    if _local_name(parent) != "job":
        parent.remove(element)


def iter_feed_jobs(
    source: BinaryIO,
    logger: logging.Logger | None = None,
    metadata: dict[str, str] | None = None,
) -> Iterator[FeedJob]:
    """Yield the feed's jobs in document order; skip (and log) a job without referencenumber.

    ``metadata``, when given, receives ``publisher``, ``publisherurl`` and ``lastBuildDate``.
    Raises :class:`FeedError` on malformed XML (after yielding the jobs before the fault).
    """
    log = logger or _LOGGER
    position = 0
    stream = open_feed_stream(source)
    try:
        for _, element in _parser_events(stream, ("end",)):
            name = _local_name(element)
            parent = element.getparent()
            if name != "job":
                # Metadata elements count only as children of the root, not inside a job.
                if metadata is not None and parent is not None and parent.getparent() is None:
                    metadata[name] = (element.text or "").strip()
                if parent is None or _local_name(parent) != "job":
                    _release(element)
                continue
            position += 1
            job = FeedJob(_job_fields(element), position)
            line = element.sourceline
            _release(element)
            if job.reference_number is None:
                # Position only: the job's content may name people (recruiter, contact).
                log.warning("Skipped feed <job> #%d (line %s): no referencenumber", position, line)
                continue
            yield job
    except etree.XMLSyntaxError as error:
        line = error.lineno if error.lineno else "?"
        raise FeedError(f"job feed is not well-formed XML at line {line}: {error.msg}") from error
    except (OSError, EOFError) as error:  # a truncated or corrupt gzip stream
        raise FeedError(f"job feed could not be decompressed: {error}") from error


def feed_metadata(source: BinaryIO) -> dict[str, str]:
    """Return the feed's ``publisher``/``publisherurl``/``lastBuildDate`` (reads it all)."""
    metadata: dict[str, str] = {}
    for _ in iter_feed_jobs(source, logger=logging.getLogger(__name__), metadata=metadata):
        pass
    return metadata


@dataclass
class FeedSummary:
    """Counts from a full pass over a feed (used by the connection check)."""

    jobs: int = 0
    metadata: dict[str, str] = field(default_factory=dict)


def summarise_feed(source: BinaryIO, logger: logging.Logger | None = None) -> FeedSummary:
    """Parse a whole feed and return its job count and metadata."""
    summary = FeedSummary()
    for _ in iter_feed_jobs(source, logger, summary.metadata):
        summary.jobs += 1
    return summary
