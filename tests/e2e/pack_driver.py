"""A pack station as a separate process, for tests/e2e/test_pack_crash.py.

It opens one order at a station through app.services.packing and scans what is still missing,
one unit at a time, the way a packer works through the screen:

    python -m tests.e2e.pack_driver URL ORDER_NO STATION --code SKU=BARCODE ... [--wrong CODE]

Right after each service call returns it writes one line to stdout (one write, unbuffered) —
the moment the screen would confirm:

    OPEN <order_no> <units scanned> <units ordered>   open_order returned
    ACK <seq> <sku>                                    scan_item accepted (event persisted)
    NAK <reason> <code>                                scan_item refused (audit event only)
    DONE                                               every line is scanned to its quantity

With ``--pause-ms`` it waits that long after each call returns before writing its line (a
slow screen), so that a kill can land between the commit and the confirmation.  With
``--wrong CODE``, every ``--wrong-every`` accepted scans the item CODE (not in the order)
is scanned first and must be refused.  Once the order is complete, one more unit of the first
line is scanned and must be refused (over quantity, or sent to another open order of the
station that has the SKU).  Any other outcome exits with status 3.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence

from app.bootstrap import app_context, open_database
from app.db.uow import UnitOfWork
from app.domain.packing import ScanReason
from app.domain.users import Actor, Role
from app.services import packing

PACKER = Actor("Li Lei", Role.PACKER)
#: refusals of one unit too many: over quantity, or (its SKU is in another order this station
#: holds) the unit is sent to that order
TOO_MANY = (ScanReason.OVER_QUANTITY, ScanReason.OTHER_ORDER)


def say(text: str, pause_s: float = 0.0) -> None:
    """One line to the parent in a single write: it is either wholly there or not at all.
    With a pause the screen is slow: the call has returned, nothing is shown yet."""
    if pause_s:
        time.sleep(pause_s)
    os.write(sys.stdout.fileno(), (text + "\n").encode())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("order_no")
    parser.add_argument("station")
    parser.add_argument("--code", action="append", default=[], help="SKU=BARCODE, repeatable")
    parser.add_argument("--wrong", help="a barcode of an item that is not in the order")
    parser.add_argument("--wrong-every", type=int, default=4)
    parser.add_argument(
        "--pause-ms", type=float, default=0.0, help="wait after each call before saying so"
    )
    parser.add_argument(
        "--screen",
        action="store_true",
        help="scan through the real pack screen (offscreen Qt) instead of the service",
    )
    args = parser.parse_args(argv)
    if args.screen:
        return through_the_screen(args)
    barcodes = dict(pair.split("=", 1) for pair in args.code)
    pause_s = args.pause_ms / 1000

    engine = open_database(args.url, migrate=False)

    def uow() -> UnitOfWork:
        return UnitOfWork(engine)

    view = packing.open_order(uow(), PACKER, args.order_no, args.station)
    say(f"OPEN {view.order_no} {view.units_scanned} {view.units_ordered}", pause_s)
    turn = 0
    accepted = 0
    while True:
        missing = [line for line in view.lines if line.missing > 0]
        if not missing:
            break
        if args.wrong and accepted % args.wrong_every == args.wrong_every - 1:
            refused = packing.scan_item(uow(), PACKER, view.order_no, args.station, args.wrong)
            say(f"NAK {refused.reason.value} {args.wrong}", pause_s)
            if refused.accepted or refused.reason is not ScanReason.NOT_IN_ORDER:
                print(f"the wrong item gave {refused.reason}: {refused.sentence}", file=sys.stderr)
                return 3
        line = missing[turn % len(missing)]
        turn += 1
        result = packing.scan_item(uow(), PACKER, view.order_no, args.station, barcodes[line.sku])
        if not result.accepted:
            say(f"NAK {result.reason.value} {barcodes[line.sku]}", pause_s)
            print(f"a needed item was refused: {result.sentence}", file=sys.stderr)
            return 3
        say(f"ACK {result.seq} {result.sku}", pause_s)
        accepted += 1
        view = result.view
    first = view.lines[0]
    extra = packing.scan_item(uow(), PACKER, view.order_no, args.station, barcodes[first.sku])
    say(f"NAK {extra.reason.value} {barcodes[first.sku]}", pause_s)
    if extra.accepted or extra.reason not in TOO_MANY:
        print(f"one unit too many gave {extra.reason}: {extra.sentence}", file=sys.stderr)
        return 3
    say("DONE")
    engine.dispose()
    return 0


def through_the_screen(args: argparse.Namespace) -> int:
    """The same station, but every scan goes through ui.pack_screen.PackScreen as the scanner
    delivers it; ACK is written once the screen shows the scan as counted."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.services.users import UserInfo
    from ui.pack_screen import PackScreen
    from ui.sounds import Sounds

    app = QApplication(sys.argv[:1])
    barcodes = dict(pair.split("=", 1) for pair in args.code)
    pause_s = args.pause_ms / 1000
    engine = open_database(args.url, migrate=False)
    user = UserInfo(0, PACKER.name, PACKER.role, "")
    screen = PackScreen(
        app_context(engine), user, station=args.station, sounds=Sounds(enabled=False)
    )
    screen.submit_scan(args.order_no)
    app.processEvents()
    view = screen.view
    if view is None:
        print(f"the screen did not open the order: {screen.banner_text()}", file=sys.stderr)
        return 3
    say(f"OPEN {view.order_no} {view.units_scanned} {view.units_ordered}", pause_s)
    turn = 0
    accepted = 0
    while True:
        view = screen.view
        assert view is not None
        missing = [line for line in view.lines if line.missing > 0]
        if not missing:
            break
        if args.wrong and accepted % args.wrong_every == args.wrong_every - 1:
            before = view.last_seq
            screen.submit_scan(args.wrong)
            app.processEvents()
            after = screen.view
            if after is None or after.last_seq != before or screen.banner_kind is None:
                print("the wrong item was not refused on the screen", file=sys.stderr)
                return 3
            say(f"NAK not_in_order {args.wrong}", pause_s)
            screen.acknowledge()
        line = missing[turn % len(missing)]
        turn += 1
        before = view.last_seq
        screen.submit_scan(barcodes[line.sku])
        app.processEvents()
        after = screen.view
        if after is None or after.last_seq != before + 1:
            print(f"a needed item was refused: {screen.banner_text()}", file=sys.stderr)
            return 3
        say(f"ACK {after.last_seq} {line.sku}", pause_s)
        accepted += 1
    say("DONE")
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
