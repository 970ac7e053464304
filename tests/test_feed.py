"""The streaming XML job-feed parser (contract §6): shapes, gzip, hardening, flat memory."""

from __future__ import annotations

import gzip
import io
import logging
import tracemalloc
from pathlib import Path

import pytest

from tap_paradox.feed import FeedError, FeedJob, feed_metadata, iter_feed_jobs, summarise_feed

# Contract §6 example, verbatim.
CONTRACT_FEED = (Path(__file__).parent / "mapping" / "data" / "contract_feed.xml").read_bytes()

CONTRACT_JOB_FIELDS = {
    "title": "Overnight Stocker",
    "date": "Fri, 28 Feb 2025 17:20:00 GMT",
    "referencenumber": "REQ-2207",
    "requisitionid": "40917",
    "url": "https://jobs.northwind.example/apply/REQ-2207",
    "company": "Northwind Grocers",
    "streetaddress": "2400 McKinney Ave",
    "city": "Dallas",
    "state": "TX",
    "postalcode": "75201",
    "country": "US",
    "description": (
        "<p>Restock shelves 10pm-6am.</p><ul><li>Lift 40 lb</li><li>Weekly pay</li></ul>"
    ),
    "salary": "$15.00 - $18.00 per hour",
    "jobtype": "Part-time",
    "category": "Retail",
    "experience": "None required",
    "education": "None",
    "remotetype": "",
    "district": "North",
}


def parse(document: bytes, **kwargs) -> list[FeedJob]:
    return list(iter_feed_jobs(io.BytesIO(document), **kwargs))


def feed(*jobs: str, head: str = "") -> bytes:
    return f'<?xml version="1.0"?>{head}<source>{"".join(jobs)}</source>'.encode()


def test_contract_example_feed():
    metadata: dict[str, str] = {}
    jobs = parse(CONTRACT_FEED, metadata=metadata)
    assert jobs == [
        FeedJob(CONTRACT_JOB_FIELDS, 1),
        FeedJob({"title": "Cashier", "referencenumber": "REQ-2210"}, 2),
    ]
    assert metadata == {
        "publisher": "Northwind Grocers",
        "publisherurl": "https://jobs.northwind.example",
        "lastBuildDate": "Mon, 03 Mar 2025 06:00:00 GMT",
    }


@pytest.mark.parametrize(
    "wrap",
    [gzip.compress, lambda data: gzip.compress(data, compresslevel=1, mtime=0)],
    ids=["gzip-default", "gzip-fast"],
)
def test_gzip_is_detected_by_magic_bytes(wrap):
    assert parse(wrap(CONTRACT_FEED)) == parse(CONTRACT_FEED)


class Trickle(io.RawIOBase):
    """A stream that hands out one byte per read, like a slow socket."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self._data:
            return 0
        buffer[0] = self._data[0]
        self._data = self._data[1:]
        return 1


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_one_byte_reads_are_enough(compress):
    data = gzip.compress(CONTRACT_FEED) if compress else CONTRACT_FEED
    assert [job.reference_number for job in iter_feed_jobs(Trickle(data))] == [
        "REQ-2207",
        "REQ-2210",
    ]


SHAPES = [
    (
        "repeated-children-become-lists",
        "<category>A</category><category>B</category><category>C</category>",
        {"category": ["A", "B", "C"]},
    ),
    ("cdata-unwrapped", "<title><![CDATA[Cook & <Prep>]]></title>", {"title": "Cook & <Prep>"}),
    ("escaped-text", "<title>Cook &amp; Prep &#233;</title>", {"title": "Cook & Prep é"}),
    ("empty-element", "<district/>", {"district": ""}),
    (
        "raw-html-kept-as-markup",
        "<description><p>Hi <b>there</b></p> bye</description>",
        {"description": "<p>Hi <b>there</b></p> bye"},
    ),
    ("comments-dropped", "<!-- internal --><city>Dallas<!-- x --></city>", {"city": "Dallas"}),
    ("namespaced-child", '<x:brand xmlns:x="urn:x">Acme</x:brand>', {"brand": "Acme"}),
]


@pytest.mark.parametrize(
    ("children", "expected"), [c[1:] for c in SHAPES], ids=[c[0] for c in SHAPES]
)
def test_child_shapes(children, expected):
    [job] = parse(feed(f"<job><referencenumber>R1</referencenumber>{children}</job>"))
    assert {key: value for key, value in job.fields.items() if key != "referencenumber"} == expected


def test_namespaced_feed_and_nested_container():
    document = (
        b'<s:source xmlns:s="urn:feed"><s:jobs><s:job><s:referencenumber>R1</s:referencenumber>'
        b"</s:job><s:job><s:referencenumber>R2</s:referencenumber></s:job></s:jobs></s:source>"
    )
    assert [job.reference_number for job in parse(document)] == ["R1", "R2"]


@pytest.mark.parametrize(
    "reference",
    [
        "",
        "<referencenumber/>",
        "<referencenumber>   </referencenumber>",
        "<referencenumber><![CDATA[]]></referencenumber>",
    ],
    ids=["absent", "empty", "blank", "empty-cdata"],
)
def test_job_without_reference_is_skipped_with_its_position_only(reference, caplog):
    document = feed(
        "<job><referencenumber>R1</referencenumber></job>",
        f"<job><title>Secret Title</title><contact>ana@example.com</contact>{reference}</job>",
        "<job><referencenumber> R3 </referencenumber></job>",
    )
    with caplog.at_level(logging.WARNING, logger="tap_paradox.feed"):
        jobs = parse(document)
    assert [(job.reference_number, job.position) for job in jobs] == [("R1", 1), ("R3", 3)]
    [warning] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "#2" in warning.getMessage()
    assert "line 1" in warning.getMessage()
    assert "Secret" not in warning.getMessage()
    assert "ana@" not in warning.getMessage()


def test_given_logger_is_used(caplog):
    logger = logging.getLogger("tap-paradox.jobs")
    with caplog.at_level(logging.WARNING, logger="tap-paradox.jobs"):
        parse(feed("<job><title>x</title></job>"), logger=logger)
    assert [record.name for record in caplog.records] == ["tap-paradox.jobs"]


ENTITY_HEAD = """<!DOCTYPE source [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY xxe SYSTEM "file:///etc/hostname">
 <!ENTITY net SYSTEM "http://127.0.0.1:9/dtd">
]>"""


def test_entities_are_never_expanded_or_fetched():
    document = feed(
        "<job><referencenumber>R1</referencenumber><title>&lol1;</title>"
        "<description>a &xxe; b &net;</description></job>",
        head=ENTITY_HEAD,
    )
    [job] = parse(document)
    assert job.fields["title"] == "&lol1;"
    assert job.fields["description"] == "a &xxe; b &net;"


def test_billion_laughs_does_not_expand():
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    head = f"<!DOCTYPE source [{''.join(levels)}]>"
    document = feed(
        "<job><referencenumber>R1</referencenumber><title>&lol9;</title></job>", head=head
    )
    tracemalloc.start()
    try:
        jobs = parse(document)
    except FeedError as error:  # libxml2 may refuse the declarations outright: also safe
        jobs = []
        assert "entity" in str(error).lower()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert all(len(job.fields.get("title", "")) < 100 for job in jobs)
    assert peak < 5_000_000


def test_external_dtd_is_not_loaded(tmp_path: Path):
    dtd = tmp_path / "feed.dtd"
    dtd.write_text('<!ENTITY injected "from the dtd">')
    document = feed(
        "<job><referencenumber>R1</referencenumber><title>&injected;</title></job>",
        head=f'<!DOCTYPE source SYSTEM "{dtd.as_uri()}">',
    )
    try:
        jobs = parse(document)
    except FeedError:
        return  # an undefined entity may be reported as an error: nothing was loaded either way
    assert "from the dtd" not in jobs[0].fields.get("title", "")


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"<source><job><referencenumber>R1</referencenumber></job>\n<job>", "line 2"),
        (b"", "not well-formed"),
        (b"\x1f\x8b\x08\x00garbage", "decompressed"),
        (gzip.compress(CONTRACT_FEED)[:200], "decompressed|well-formed"),
    ],
    ids=["truncated", "empty", "bad-gzip", "truncated-gzip"],
)
def test_malformed_feed_raises_feed_error(document, message):
    with pytest.raises(FeedError, match=message):
        parse(document)


def test_jobs_before_a_fault_are_yielded_first():
    jobs = iter_feed_jobs(
        io.BytesIO(b"<source><job><referencenumber>R1</referencenumber></job><job>")
    )
    assert next(jobs).reference_number == "R1"
    with pytest.raises(FeedError):
        next(jobs)


def test_metadata_and_summary():
    assert feed_metadata(io.BytesIO(CONTRACT_FEED))["publisher"] == "Northwind Grocers"
    summary = summarise_feed(io.BytesIO(gzip.compress(CONTRACT_FEED)))
    assert summary.jobs == 2
    assert summary.metadata["lastBuildDate"] == "Mon, 03 Mar 2025 06:00:00 GMT"


def test_metadata_names_inside_a_job_stay_job_fields():
    document = feed("<job><referencenumber>R1</referencenumber><publisher>Brand</publisher></job>")
    metadata: dict[str, str] = {}
    [job] = parse(document, metadata=metadata)
    assert job.fields["publisher"] == "Brand"
    assert metadata == {}


class GeneratedFeed(io.RawIOBase):
    """A feed of ``jobs`` jobs produced on demand: the document never exists in memory."""

    def __init__(self, jobs: int) -> None:
        self._chunks = self._generate(jobs)
        self._pending = b""

    @staticmethod
    def _generate(jobs: int):
        yield b'<?xml version="1.0" encoding="UTF-8"?>\n<source><publisher>P</publisher>\n'
        for n in range(jobs):
            yield (
                f"<job><title><![CDATA[Job {n}]]></title><referencenumber>REQ-{n}</referencenumber>"
                f"<city>Dallas</city><description><![CDATA[<p>{'x' * 400}</p>]]></description>"
                f"<salary>$15 - $18 per hour</salary><district>North</district>"
                f"<unknown{n % 50}>custom</unknown{n % 50}></job>\n"
            ).encode()
        yield b"</source>\n"

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = chunk
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def _resident_mb() -> float | None:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def assert_flat_memory(jobs: int, growth_limit_mb: float) -> None:
    """Parse a generated feed; resident memory after the first tenth must stay put.

    tracemalloc alone cannot show this: libxml2 allocates the tree outside Python's
    allocator, so the tree's growth is only visible in the process's resident size.
    """
    tracemalloc.start()
    resident = []
    count = 0
    for job in iter_feed_jobs(io.BufferedReader(GeneratedFeed(jobs))):
        count += 1
        if count % (jobs // 10) == 0:
            resident.append(_resident_mb())
        assert job.reference_number == f"REQ-{count - 1}"
    python_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == jobs
    assert python_peak < 10_000_000
    if resident[0] is not None:
        assert resident[-1] - resident[0] < growth_limit_mb, resident


def test_memory_stays_flat_on_a_generated_feed():
    # 10,000 jobs is ~6 MB of XML; without clearing, the tree grows by ~20 MB here.
    assert_flat_memory(10_000, growth_limit_mb=8)


@pytest.mark.slow
def test_memory_stays_flat_on_100000_jobs():
    # ~60 MB of XML; without clearing, the tree grows by ~200 MB.
    assert_flat_memory(100_000, growth_limit_mb=20)
