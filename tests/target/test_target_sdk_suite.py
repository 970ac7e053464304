"""The singer-sdk target test suite, hand-picked.

The SDK's sample streams (``test_camelcase``, ``test_special_chars_in_attributes``, …) are not
Paradox inputs, so each is routed to ``add_note``: its records fail our action validation and
are dead-lettered, which exercises the outcome and dead-letter writers on odd schemas, arrays,
encoded strings and schema changes. ``fail_on_failed_records`` is off so that the expected
failures do not fail the run, and ``dry_run`` is on as a second guard: no call leaves the
machine (``api_url`` points at a closed port).
"""

from __future__ import annotations

import atexit
import importlib.resources
import json
import shutil
import tempfile
from pathlib import Path

from singer_sdk.testing import get_target_test_class
from singer_sdk.testing import target_test_streams as sdk_streams
from singer_sdk.testing import target_tests as sdk_tests
from singer_sdk.testing.suites import SingerTestSuite

from tap_paradox.target.target import TargetParadox

PICKED = [
    sdk_tests.TargetArrayData,
    sdk_tests.TargetCamelcaseComplexSchema,
    sdk_tests.TargetCamelcaseTest,
    sdk_tests.TargetCliPrintsTest,
    sdk_tests.TargetDuplicateRecords,
    sdk_tests.TargetEncodedStringData,
    sdk_tests.TargetInvalidSchemaTest,
    sdk_tests.TargetNoPrimaryKeys,
    sdk_tests.TargetOptionalAttributes,
    sdk_tests.TargetPrimaryKeyUpdates,
    sdk_tests.TargetRecordBeforeSchemaTest,
    sdk_tests.TargetRecordMissingKeyProperty,
    sdk_tests.TargetRecordMissingOptionalFields,
    sdk_tests.TargetRecordMissingRequiredProperty,
    sdk_tests.TargetSchemaNoProperties,
    sdk_tests.TargetSchemaUpdates,
    sdk_tests.TargetSpecialCharsInAttributes,
]
# Left out:
# - TargetMultipleStateMessages: in singer-sdk 0.54.9 it compares the runner's parsed state
#   dicts with JSON strings, so no target can pass it; it also expects a state per drain,
#   while this target relays the latest state once its writes are done (state relay is
#   covered by test_target_run.py::test_stdout_carries_only_the_upstream_state).
# A test added to the SDK suite later is not run until someone reads it and adds it here.


def _sdk_stream_names() -> list[str]:
    names: set[str] = set()
    for entry in importlib.resources.files(sdk_streams).iterdir():
        if not entry.name.endswith(".singer"):
            continue
        for line in entry.read_text().splitlines():
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if isinstance(message, dict) and message.get("stream"):
                names.add(message["stream"])
    return sorted(names)


_WORK = Path(tempfile.mkdtemp(prefix="target-paradox-sdk-suite-"))
atexit.register(shutil.rmtree, _WORK, ignore_errors=True)

TestTargetParadoxSdkSuite = get_target_test_class(
    TargetParadox,
    config={
        "client_id": "sdk-suite",
        "client_secret": "sdk-suite",
        "api_url": "http://127.0.0.1:9",
        "ledger_path": str(_WORK / "ledger.sqlite"),
        "outcomes_path": str(_WORK / "outcomes.jsonl"),
        "dead_letter_path": str(_WORK / "dead-letter.singer"),
        "stream_actions": dict.fromkeys(_sdk_stream_names(), "add_note"),
        "fail_on_failed_records": False,
        "dry_run": True,
    },
    custom_suites=[SingerTestSuite(kind="target", tests=PICKED)],
    include_target_tests=False,
)
