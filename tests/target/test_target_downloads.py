"""data_url guards: scheme, non-public addresses (after DNS and on redirects), size, type."""

from __future__ import annotations

import base64

import pytest

from tap_paradox.retry import RetryPolicy
from tap_paradox.target.attachments import prepare_resume
from tap_paradox.target.downloads import DownloadGuard, check_url, download
from tap_paradox.target.errors import InputInvalidError
from tests.target.file_server import PDF

POLICY = RetryPolicy(max_retries=1, backoff_base_s=0.01, backoff_cap_s=0.01)
OPEN_LOOPBACK = DownloadGuard(allowed_hosts=frozenset({"127.0.0.1"}))


def fetch(url: str, guard: DownloadGuard = OPEN_LOOPBACK):
    return download(url, guard, POLICY, sleep=lambda _s: None)


def resume_of(file: dict, guard: DownloadGuard = OPEN_LOOPBACK, max_bytes: int = 10 * 1024 * 1024):
    return prepare_resume(file, "attachment", max_bytes=max_bytes, fetch=lambda u: fetch(u, guard))


def test_loopback_is_refused_by_default_and_nothing_is_fetched(file_server):
    with pytest.raises(InputInvalidError) as raised:
        fetch(file_server.url("/cv.pdf"), DownloadGuard())
    assert "loopback" in raised.value.message
    assert file_server.paths == []


def test_a_host_named_in_allowed_download_hosts_may_be_loopback(file_server):
    downloaded = fetch(file_server.url("/cv.pdf"))
    assert (downloaded.content, downloaded.content_type) == (PDF, "application/pdf")


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("10.1.2.3", "private"),
        ("169.254.169.254", "link-local"),
        ("192.168.0.9", "private"),
        ("::1", "loopback"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "not globally routable"),
    ],
)
def test_names_resolving_to_non_public_addresses_are_refused(address, kind):
    with pytest.raises(InputInvalidError) as raised:
        check_url("https://cv.example.com/a.pdf", DownloadGuard(), lambda _h, _p: [address])
    assert kind in raised.value.message


def test_a_public_address_passes_the_check():
    check_url("https://cv.example.com/a.pdf", DownloadGuard(), lambda _h, _p: ["93.184.216.34"])


@pytest.mark.parametrize("url", ["ftp://cv.example.com/a.pdf", "file:///etc/passwd", "http:///x"])
def test_only_http_urls_with_a_host_are_fetched(url):
    with pytest.raises(InputInvalidError) as raised:
        check_url(url, DownloadGuard(), lambda _h, _p: ["93.184.216.34"])
    assert "http(s)" in raised.value.message


def test_every_redirect_is_checked_again(file_server):
    guard = DownloadGuard(allowed_hosts=frozenset({"localhost"}))
    with pytest.raises(InputInvalidError) as raised:
        fetch(file_server.url("/to-loopback", host="localhost"), guard)
    assert "127.0.0.1" in raised.value.message
    assert file_server.paths == ["/to-loopback"]


def test_an_allowed_redirect_is_followed(file_server):
    guard = DownloadGuard(allowed_hosts=frozenset({"localhost", "127.0.0.1"}))
    assert fetch(file_server.url("/to-local-name"), guard).content == PDF


def test_the_size_cap_applies_while_streaming(file_server):
    guard = DownloadGuard(allowed_hosts=frozenset({"127.0.0.1"}), max_bytes=200_000)
    with pytest.raises(InputInvalidError) as raised:
        fetch(file_server.url("/huge"), guard)
    assert "resume_max_bytes" in raised.value.message


def test_a_declared_content_length_over_the_cap_is_refused_before_reading(file_server):
    guard = DownloadGuard(allowed_hosts=frozenset({"127.0.0.1"}), max_bytes=10)
    with pytest.raises(InputInvalidError):
        fetch(file_server.url("/cv.pdf"), guard)


def test_a_non_2xx_answer_is_input_invalid_after_retries(file_server):
    with pytest.raises(InputInvalidError) as raised:
        fetch(file_server.url("/broken"))
    assert "503" in raised.value.message
    assert file_server.paths == ["/broken", "/broken"]
    with pytest.raises(InputInvalidError):
        fetch(file_server.url("/missing.pdf"))


def test_a_download_becomes_base64_with_a_named_file(file_server):
    upload = resume_of({"type": "CV", "data_url": file_server.url("/cv.pdf")})
    assert base64.b64decode(upload.resume) == PDF
    assert upload.file_name == "CV.pdf"


def test_a_generic_content_type_falls_back_to_the_url_extension(file_server):
    upload = resume_of(
        {"type": "CV", "data_url": file_server.url("/cv-generic.pdf"), "name": "me.pdf"}
    )
    assert upload.file_name == "me.pdf"


@pytest.mark.parametrize(("path", "words"), [("/page.html", "text/html"), ("/fake.pdf", "not one")])
def test_content_that_is_not_a_cv_format_is_refused(file_server, path, words):
    with pytest.raises(InputInvalidError) as raised:
        resume_of({"type": "CV", "data_url": file_server.url(path)})
    assert words in raised.value.message


def test_inline_data_needs_one_source_and_a_meaningful_type():
    data = base64.b64encode(PDF).decode()
    with pytest.raises(InputInvalidError, match="exactly one"):
        resume_of({"type": "CV", "data": data, "data_url": "https://x.io/a.pdf"})
    with pytest.raises(InputInvalidError, match="exactly one"):
        resume_of({"type": "CV"})
    with pytest.raises(InputInvalidError, match="content_type"):
        resume_of({"type": "CV", "data": data, "content_type": "application/octet-stream"})
    with pytest.raises(InputInvalidError, match="base64"):
        resume_of({"type": "CV", "data": "***", "content_type": "application/pdf"})
    with pytest.raises(InputInvalidError, match="resume_max_bytes"):
        resume_of({"type": "CV", "data": data, "content_type": "application/pdf"}, max_bytes=8)
    with pytest.raises(InputInvalidError, match="extension"):
        resume_of({"type": "CV", "data": data, "content_type": "application/pdf", "name": "cv.exe"})
