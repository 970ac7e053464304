"""``paradox-admin``: connection check, custom-field explorer and API passthrough.

Each sub-command reads the same JSON config file as the tap (``--config``), prints JSON or
a table to stdout, and never prints a secret or a token. Known limitation: only ``check`` is
free of candidate personal data. ``fields`` shows up to three example values per custom
attribute (``--no-examples`` leaves them out), which are personal when an attribute holds such
data, and ``passthrough`` prints the response body exactly as Paradox sent it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from singer_sdk.configuration._dict_config import parse_environment_config

from tap_paradox import passthrough
from tap_paradox.admin_checks import run_checks
from tap_paradox.admin_fields import explore_fields, render_fields_table
from tap_paradox.settings import CONFIG_SCHEMA

ENV_PREFIX = "TAP_PARADOX_"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``paradox-admin`` sub-command; return the process exit status."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.config is None:
        config = config_from_environment()
        if not config.get("client_id"):
            print(
                f"paradox-admin: give --config FILE, or set {ENV_PREFIX}CLIENT_ID and the other "
                f"{ENV_PREFIX}<SETTING> variables (as Meltano does)",
                file=sys.stderr,
            )
            return 2
        return args.handler(config, args)
    try:
        config = json.loads(Path(args.config).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"paradox-admin: cannot read --config {args.config}: {error}", file=sys.stderr)
        return 2
    return args.handler(config, args)


def config_from_environment() -> dict[str, Any]:
    """Read the tap's settings from ``TAP_PARADOX_<SETTING>`` variables, typed by its schema."""
    # singer-sdk's own reader, so values parse exactly as the tap's --config=ENV would.
    return parse_environment_config(CONFIG_SCHEMA, prefix=ENV_PREFIX)


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="paradox-admin", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="check credentials, API, job feed and ledger")
    check.set_defaults(handler=_check)

    fields = commands.add_parser("fields", help="list candidate attributes and extra feed elements")
    fields.add_argument("--sample", type=int, default=500, help="newest candidates to sample")
    fields.add_argument("--format", choices=("table", "json"), default="table")
    fields.add_argument("--no-examples", action="store_true", help="leave example values out")
    fields.set_defaults(handler=_fields)

    raw = commands.add_parser("passthrough", help="send one authenticated raw request")
    raw.add_argument("--method", default="GET")
    raw.add_argument("--path", required=True, help="path below the API prefix, e.g. /candidates")
    raw.add_argument("--api", choices=sorted(passthrough.API_PREFIXES), default="v1public")
    raw.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    raw.add_argument("--json", dest="json_body", help="request body, or @file.json")
    raw.set_defaults(handler=_passthrough)

    for sub in (check, fields, raw):
        sub.add_argument(
            "--config",
            help=f"the tap's JSON config file; without it, {ENV_PREFIX}<SETTING> variables",
        )
    return parser


def _check(config: dict[str, Any], _args: argparse.Namespace) -> int:
    checks = run_checks(config)
    print(json.dumps({"checks": checks}, indent=2))
    return 0 if all(check["ok"] for check in checks) else 1


def _fields(config: dict[str, Any], args: argparse.Namespace) -> int:
    rows = explore_fields(config, sample_size=args.sample, with_examples=not args.no_examples)
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        print(render_fields_table(rows))
    return 0


def _passthrough(config: dict[str, Any], args: argparse.Namespace) -> int:
    params = dict(_split_param(item) for item in args.param)
    body = None
    if args.json_body:
        text = args.json_body
        if text.startswith("@"):
            text = Path(text[1:]).read_text(encoding="utf-8")
        body = json.loads(text)
    result = passthrough.request(
        config, args.method, args.path, api=args.api, params=params, json=body
    )
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0 if result["status"] < 400 else 1


def _split_param(item: str) -> tuple[str, str]:
    key, separator, value = item.partition("=")
    if not separator or not key:
        msg = f"--param takes KEY=VALUE, got {item!r}"
        raise SystemExit(msg)
    return key, value


if __name__ == "__main__":
    sys.exit(main())
