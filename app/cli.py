"""The `packdesk` command line: thin over the services.

    packdesk [--db URL] COMMAND ...

Exit codes: 0 success, 1 refused input (the message on stderr says what and where), 2 usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Engine

from app import __version__, bootstrap
from app.db.uow import UnitOfWork
from app.domain.errors import DomainError
from app.domain.users import SYSTEM, Action, Actor, Role
from app.messages import Message, Translate, render
from app.messages import cancellation as cm
from app.messages import imports as im
from app.messages import orders as om
from app.messages import users as um

log = logging.getLogger(__name__)

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
POOL_WARNING = 100  # warn when a carrier's pool has fewer free numbers


class Refused(Exception):
    """Input the command refused; the message is for the person at the terminal."""

    def __init__(self, message: Message | str) -> None:
        self.message = message
        super().__init__(str(message))


def _translate() -> Translate | None:
    """Messages in the user's language: the settings' language, else the system's."""
    from app.config import Settings

    try:
        setting = Settings.load().language
    except Exception:  # an unreadable settings file must not stop a refusal from being said
        setting = "system"
    return bootstrap.message_translator(bootstrap.cli_language(setting))


def say(message: Message | str) -> str:
    """A message as the person at the terminal reads it."""
    return render(message, _translate() if isinstance(message, Message) else None)


def _emit_json(data: Any, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    json.dump(data, out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")


class Context:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.db_url: str = bootstrap.resolve_db_url(args.db)
        self._engine: Engine | None = None
        self._actor: Actor | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            source = bootstrap.db_url_source(self.args.db)
            self._engine = bootstrap.open_database(self.db_url, source=source)
        return self._engine

    @property
    def safe_url(self) -> str:
        return bootstrap.safe_url(self.db_url)

    def uow(self) -> UnitOfWork:
        return bootstrap.unit_of_work(self.engine)

    def actor(self) -> Actor:
        """The shell user acts as the database's admin unless --as NAME names a user (logged in
        with the PIN once per command; a wrong one is refused, whatever the command)."""
        name = self.args.as_user
        if not name:
            return SYSTEM
        if self._actor is None:
            from app.services import users

            pin = os.environ.get("PACKDESK_PIN") or getpass.getpass(f"PIN for {name}: ")
            self._actor = users.login_with_pin(self.uow(), name, pin).actor
        return self._actor


# --- commands -------------------------------------------------------------------------------


def cmd_gui(ctx: Context) -> int:
    from app.services.demo import is_demo

    return bootstrap.launch_gui(ctx.db_url, demo=is_demo(ctx.engine))


def cmd_demo(ctx: Context) -> int:
    from app.services.demo import DemoRefused, build_demo

    url = bootstrap.demo_db_url(ctx.args.db)
    ctx.db_url = url
    ctx.actor().require(Action.BUILD_DEMO)

    def progress(stage: str, done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{stage}: {done:,}/{total:,}   ", end="", file=sys.stderr, flush=True)

    try:
        summary = build_demo(url, orders=ctx.args.orders, seed=ctx.args.seed, progress=progress)
    except DemoRefused as exc:
        if exc.message.name in (im.DEMO_NOT_A_DEMO.name, im.DEMO_NOT_PACKDESK.name):
            raise Refused(im.DEMO_USE_NEW_FILE(problem=exc.message)) from exc
        raise
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(
        f"Demo warehouse ready in {summary.seconds:.1f} s: {summary.skus} SKUs, "
        f"{summary.lots} lots in {summary.locations} locations, {summary.orders:,} orders "
        f"({summary.order_lines:,} lines), {summary.users} users.\nDatabase: {ctx.safe_url}"
    )
    if ctx.args.no_gui:
        return EXIT_OK
    return bootstrap.launch_gui(url, demo=True)


def cmd_db_upgrade(ctx: Context) -> int:
    from app.db import access
    from app.db.migrate import current_revision

    engine = ctx.engine  # opening migrates (as the tables' owner only: app/db/access.py)
    print(f"database {ctx.safe_url} is at revision {current_revision(engine)}")
    for grants in access.grant_again(engine):
        tables = len(grants.tables)
        print(f"{grants.role}: the application's privileges granted again ({tables} tables)")
    return EXIT_OK


def cmd_db_grant(ctx: Context) -> int:
    from app.db import access

    grants = access.grant_app_role(ctx.engine, ctx.args.role)
    if ctx.args.json:
        _emit_json(
            {
                "role": grants.role,
                "owner": grants.owner,
                "tables": {t: list(p) for t, p in sorted(grants.tables.items())},
                "sequences": {s: list(access.SEQUENCE) for s in grants.sequences},
            }
        )
        return EXIT_OK
    by_kind: dict[tuple[str, ...], list[str]] = {}
    for table, privileges in sorted(grants.tables.items()):
        by_kind.setdefault(privileges, []).append(table)
    print(f"{grants.role} may now, in {ctx.safe_url} (tables owned by {grants.owner}):")
    for privileges, words in (
        (access.APPEND, "read and append (never change, delete or empty)"),
        (access.READ_WRITE, "read, add, change and delete rows"),
        (access.READ, "read"),
    ):
        if by_kind.get(privileges):
            print(f"  {words}: {', '.join(by_kind[privileges])}")
    print(f"  take the next id from {len(grants.sequences)} sequences")
    print(
        f"{grants.role} may not TRUNCATE, ALTER or DROP a table nor disable a trigger; "
        "`packdesk db upgrade` (as the owner) grants it the tables of later migrations."
    )
    return EXIT_OK


def cmd_db_revoke(ctx: Context) -> int:
    from app.db import access

    access.revoke_app_role(ctx.engine, ctx.args.role)
    print(f"{ctx.args.role} has no privileges left on the tables of {ctx.safe_url}")
    return EXIT_OK


# --- stations and the central database --------------------------------------------------------


def cmd_station_init(ctx: Context) -> int:
    from app.sync import station

    def progress(table: str, done: int, total: int) -> None:
        if sys.stderr.isatty():
            what = f"copying {table}" if table else "copied"
            print(f"\r{what}: {done:,}/{total:,} rows   ", end="", file=sys.stderr, flush=True)

    result = station.init(ctx.engine, ctx.args.name, ctx.args.central, ctx.actor(), progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if ctx.args.json:
        _emit_json(result.to_json())
    else:
        print(
            f"station {result.station} of {result.central}: {result.pulled:,} rows copied; "
            "`packdesk sync` (or the app) keeps it up to date"
        )
    return EXIT_OK


def cmd_station_list(ctx: Context) -> int:
    from app.sync import central

    rows = central.stations(ctx.uow())
    if ctx.args.json:
        _emit_json([r.to_json() for r in rows])
        return EXIT_OK
    for r in rows:
        contact = (
            r.last_contact_at.isoformat(sep=" ", timespec="seconds")
            if r.last_contact_at
            else "never"
        )
        print(f"{r.name:<16} last contact {contact}  events {r.last_seq:,}  waiting {r.pending:,}")
    if not rows:
        print("no station registered: `packdesk --db STATION_URL station init …` on each station")
    return EXIT_OK


def cmd_sync(ctx: Context) -> int:
    from app.sync import station

    result = station.sync_once(ctx.engine)
    if ctx.args.json:
        _emit_json(result.to_json())
    else:
        print(
            f"pushed {result.pushed:,} event(s), pulled {result.pulled:,} change(s), "
            f"{len(result.rejected)} rejected, {result.pending:,} waiting"
        )
        for r in result.rejected:
            print(f"  rejected {r.kind} ({r.event_id}): {say(r.reason)}")
    return EXIT_OK


def cmd_sync_status(ctx: Context) -> int:
    from app.sync import station

    status = station.status(ctx.engine)
    if ctx.args.json:
        _emit_json(status.to_json())
        return EXIT_OK
    online = {True: "online", False: "offline", None: "not synced yet"}[status.online]
    last = status.last_sync.isoformat(sep=" ", timespec="seconds") if status.last_sync else "never"
    print(
        f"station {status.station} ({online}): {status.pending:,} event(s) waiting, "
        f"{status.rejected_open} rejected to resolve, last sync {last}"
    )
    if status.last_error is not None:
        print(f"  {say(status.last_error)}")
    return EXIT_OK


def cmd_sync_rejected(ctx: Context) -> int:
    from app.sync import station

    rows = station.rejections(ctx.engine)
    if ctx.args.json:
        _emit_json(
            [
                {**r.to_json(), "seq": r.seq, "user": r.actor, "at": r.at.isoformat(sep=" ")}
                for r in rows
            ]
        )
        return EXIT_OK
    for r in rows:
        print(f"{r.event_id}  {r.at:%Y-%m-%d %H:%M:%S}  {r.actor}  {r.kind}: {say(r.reason)}")
    if not rows:
        print("no rejected event to resolve")
    return EXIT_OK


def cmd_sync_resolve(ctx: Context) -> int:
    from app.sync import station

    n = station.resolve(ctx.engine, ctx.actor(), ctx.args.events)
    print(f"{n} rejected event(s) resolved")
    return EXIT_OK


def cmd_db_grant_station(ctx: Context) -> int:
    from app.db import access
    from app.sync.replica import REPLICATED

    grants = access.grant_station_role(
        ctx.engine, ctx.args.role, ctx.args.station, tuple(REPLICATED)
    )
    if ctx.args.json:
        _emit_json(
            {
                "role": grants.role,
                "station": grants.station,
                "read": list(grants.read),
                "write": {t: list(c) for t, c in grants.write.items()},
            }
        )
        return EXIT_OK
    print(
        f"{grants.role} connects as station {grants.station}: it may read what stations "
        f"replicate and the change log, push its own events, keep its own station row and "
        f"lease pool numbers — nothing else; `packdesk --db CENTRAL sync apply --follow` "
        "(the application's role) applies what it pushes"
    )
    return EXIT_OK


def cmd_sync_apply(ctx: Context) -> int:
    from app.sync import central

    if not ctx.args.follow:
        n = central.apply_all(ctx.engine)
        print(f"{n} event(s) applied or rejected")
        return EXIT_OK
    from app.sync.listen import apply_as_pushed

    print("applying the stations' events as they come (Ctrl+C stops)", file=sys.stderr)
    apply_as_pushed(ctx.engine, ctx.db_url, workers=max(1, ctx.args.workers))
    return EXIT_OK


def cmd_db_roles(ctx: Context) -> int:
    from app.db import access

    owner, roles = access.app_roles(ctx.engine)
    if ctx.args.json:
        _emit_json(
            {
                "owner": owner,
                "app_roles": [
                    {"role": r.role, "granted_at": r.granted_at, "granted_by": r.granted_by}
                    for r in roles
                ],
            }
        )
        return EXIT_OK
    if owner is None:
        print(f"{ctx.safe_url} has no database roles (SQLite)")
        return EXIT_OK
    print(f"owner (migrates): {owner}")
    for r in roles:
        print(
            f"application role: {r.role} (granted {r.granted_at:%Y-%m-%d %H:%M} by {r.granted_by})"
        )
    if not roles:
        print("no application role yet: `packdesk db grant ROLE` as the owner")
    return EXIT_OK


def cmd_import(ctx: Context) -> int:
    from app.services.imports import import_file
    from app.services.tabular import TableError, check_regular_file

    path = Path(ctx.args.file)
    if not path.exists():
        raise Refused(im.NO_SUCH_FILE(path=str(path)))
    try:
        check_regular_file(path)  # a directory, /dev/null, a pipe: said before logging in
    except TableError as exc:
        raise Refused(exc.message) from exc
    result = import_file(ctx.uow(), ctx.actor(), ctx.args.kind, path)
    if ctx.args.json:
        _emit_json(result.to_json())
    elif result.ok:
        skipped = f" ({result.skipped} already there, skipped)" if result.skipped else ""
        print(f"imported {result.imported} {ctx.args.kind}{skipped} from {path.name}")
        if result.changed:
            print(
                f"{result.changed} order(s) changed by the platform: updated, cancelled or "
                "flagged for the pack station (see packdesk orders list)"
            )
    if not result.ok:
        whole = result.errors[0] if len(result.errors) == 1 else None
        if whole is not None and whole.row == 0:  # the file as a whole: one sentence
            raise Refused(im.FILE_REFUSED(file=path.name, problem=whole.message))
        tr = _translate()
        refused = im.REFUSED(file=path.name, n=len(result.errors))
        print(render(refused, tr), file=sys.stderr)
        for err in result.errors:
            print(f"  {render(err.located(), tr)}", file=sys.stderr)
        return EXIT_REFUSED
    return EXIT_OK


def cmd_review(ctx: Context) -> int:
    from app.services.review import review_new_orders

    summary = review_new_orders(ctx.uow(), ctx.actor())
    if ctx.args.json:
        _emit_json(summary.to_json())
    else:
        print(
            f"checked {summary.checked} new orders: {summary.reviewed} reviewed, "
            f"{summary.exceptions} to exceptions ({summary.seconds:.2f} s)"
            + (
                f"; carrier chosen by the rules for {summary.carriers_chosen}"
                if summary.carriers_chosen
                else ""
            )
        )
        tr = _translate()
        for top in summary.top_reasons:
            print(f"  {top.orders:>6}  {render(top.reason, tr)}")
    return EXIT_OK


def cmd_orders_list(ctx: Context) -> int:
    from app.services.orders import iter_listings, order_status

    status = ctx.args.status
    if status is not None:
        order_status(status)  # refuses an unknown one before anything is written
    listings = iter_listings(ctx.uow(), ctx.actor(), status)
    out = sys.stdout
    if ctx.args.json:
        out.write("[")
        first = True
        for item in listings:
            out.write("\n  " if first else ",\n  ")
            out.write(json.dumps(item.to_json(), ensure_ascii=False))
            first = False
        out.write("\n]\n" if not first else "]\n")
        return EXIT_OK
    tr = _translate()
    for item in listings:
        lines = ", ".join(f"{line.sku}×{line.qty}" for line in item.lines)
        said = "; ".join(render(reason, tr) for reason in item.exception_reasons)
        reasons = f"  [{said}]" if said else ""
        out.write(f"{item.order_no:<22} {item.shop:<14} {item.status:<10} {lines}{reasons}\n")
    return EXIT_OK


def cmd_orders_export(ctx: Context) -> int:
    from app.services.export import export_orders

    path = Path(ctx.args.file)
    n = export_orders(ctx.uow(), ctx.actor(), path, ctx.args.status)
    print(f"exported {n} order lines to {path}")
    return EXIT_OK


def _since(text: str | None) -> dt.datetime | None:
    """--since: a date (from its midnight) or a date and time."""
    from app.messages import followup as fm
    from app.services.tracking import UnreadableUpdate, parse_time

    if text is None:
        return None
    try:
        return parse_time(text)
    except UnreadableUpdate:
        pass
    try:
        return dt.datetime.combine(dt.date.fromisoformat(text.strip()), dt.time())
    except ValueError:
        raise Refused(fm.NOT_A_SINCE(text=text)) from None


def cmd_orders_export_shipped(ctx: Context) -> int:
    from app.messages import followup as fm
    from app.services.shipped import export_shipped

    since = _since(ctx.args.since)
    path = Path(ctx.args.out)
    result = export_shipped(ctx.uow(), ctx.actor(), path, since=since, shop=ctx.args.shop)
    if ctx.args.json:
        _emit_json(result.to_json())
    elif result.rows:
        print(say(fm.EXPORTED(rows=result.rows, file=str(path))))
    else:
        print(say(fm.NOTHING_NEW(file=str(path))))
    return EXIT_OK


def cmd_orders_complete(ctx: Context) -> int:
    from app.config import Settings
    from app.messages import followup as fm
    from app.services.tracking import complete_delivered

    days = ctx.args.delivered_before
    if days is None:
        days = Settings.load().complete_after_days
    completed = complete_delivered(ctx.uow(), ctx.actor(), days)
    if ctx.args.json:
        _emit_json({"completed": completed, "days": days})
    else:
        print(say(fm.COMPLETED(n=len(completed))))
    return EXIT_OK


def cmd_orders_action(ctx: Context) -> int:
    from sqlalchemy import select

    from app.db.models import Order
    from app.services.orders import apply_action

    with ctx.uow().reading() as session:
        query = select(Order.id).where(Order.order_no.in_(ctx.args.order_no))
        if ctx.args.shop:
            query = query.where(Order.shop == ctx.args.shop)
        ids = list(session.scalars(query))
    if len(ids) < len(set(ctx.args.order_no)):
        raise Refused(om.NUMBERS_NOT_FOUND(orders=", ".join(ctx.args.order_no)))
    if ctx.args.action in ("cancel", "hold", "release", "unpack"):
        return _cancel_or_hold(ctx, ids)
    n = apply_action(ctx.uow(), ctx.actor(), ids, ctx.args.action.replace("-", "_"))
    print(f"{ctx.args.action}: {n} order(s) changed")
    return EXIT_OK


def _cancel_or_hold(ctx: Context, ids: list[int]) -> int:
    from app.services import cancellation

    results = cancellation.apply(ctx.uow(), ctx.actor(), ids, cancellation.Verb(ctx.args.action))
    if ctx.args.json:
        _emit_json([r.to_json() for r in results])
        return EXIT_OK
    for r in results:
        released = ", ".join(f"{x.sku} {x.lot} ×{x.qty}" for x in r.released) or "nothing"
        intercept = "  intercept" if r.intercept else ""
        print(
            f"{r.order_no:<22} {r.status:<10} released: {released}; "
            f"put-away tasks: {r.putaway_tasks}{intercept}"
        )
    return EXIT_OK


def cmd_orders_intercepts(ctx: Context) -> int:
    from app.services import cancellation

    rows = cancellation.intercepts(ctx.uow(), ctx.actor())
    if ctx.args.out:
        n = cancellation.export_intercepts(rows, Path(ctx.args.out))
        if not ctx.args.json:
            print(f"exported {n} intercept(s) to {ctx.args.out}")
    if ctx.args.json:
        _emit_json([r.to_json() for r in rows])
    elif not ctx.args.out:
        for r in rows:
            print(
                f"{r.order_no:<22} {r.kind:<9} {r.reason:<9} {r.carrier or '':<6} "
                f"{r.tracking_no or '':<20} {r.requested_at:%Y-%m-%d %H:%M} {r.requested_by}"
            )
    return EXIT_OK


def cmd_putaway_list(ctx: Context) -> int:
    from app.db.models import utcnow
    from app.services import putaway

    tasks = putaway.open_tasks(ctx.uow(), ctx.actor())
    if ctx.args.json:
        _emit_json([t.to_json() for t in tasks])
        return EXIT_OK
    now = utcnow()
    for t in tasks:
        hours = t.age(now).total_seconds() / 3600
        print(
            f"{t.task:>6}  {t.location:<12} {t.sku:<16} {t.lot:<12} ×{t.qty:<4} "
            f"{t.order_no:<22} from {t.units_at or '?':<12} {hours:5.1f} h"
        )
    return EXIT_OK


def cmd_putaway_confirm(ctx: Context) -> int:
    from app.services import putaway

    done = putaway.confirm(ctx.uow(), ctx.actor(), ctx.args.task)
    if ctx.args.json:
        _emit_json({**done.to_json(), "status": "done"})
    else:
        print(
            say(
                cm.PUTAWAY_CONFIRMED(
                    qty=done.qty, sku=done.sku, lot=done.lot, location=done.location, task=done.task
                )
            )
        )
    return EXIT_OK


def cmd_stock_list(ctx: Context) -> int:
    from app.services.stock import list_stock

    rows = list_stock(ctx.uow(), ctx.args.sku)
    if ctx.args.json:
        _emit_json([r.to_json() for r in rows])
        return EXIT_OK
    for r in rows:
        print(
            f"{r.sku:<16} {r.lot:<16} {r.location:<12} {r.received_at:%Y-%m-%d} "
            f"on hand {r.on_hand:>6}  allocated {r.allocated:>6}"
        )
    return EXIT_OK


def _date(option: str, text: str | None) -> dt.date | None:
    """A --since / --until date (2026-12-01); refused in words when it is none."""
    from app.messages import stock as sm

    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise Refused(sm.NOT_A_DATE(field=option, text=text)) from None


def cmd_stock_low(ctx: Context) -> int:
    from app.messages import stock as sm
    from app.services.stock import export_low_stock, low_stock

    rows = low_stock(ctx.uow(), dt.date.today())
    if ctx.args.out:
        n = export_low_stock(rows, Path(ctx.args.out))
        if not ctx.args.json:
            print(say(sm.EXPORTED(rows=n, file=ctx.args.out)))
    if ctx.args.json:
        _emit_json([r.to_json() for r in rows])
    elif not ctx.args.out:
        if not rows:
            print(say(sm.NONE_LOW()))
        else:
            header = ("SKU", "free", "threshold", "picked 30 d", "cover")
            print("{:<16} {:>6} {:>9} {:>11} {:>8}  name".format(*header))
        for r in rows:
            cover = "—" if r.days_of_cover is None else f"{r.days_of_cover:.1f} d"
            print(
                f"{r.sku:<16} {r.free:>6} {r.threshold:>9} {r.demand_30d:>11} {cover:>8}  {r.name}"
            )
    return EXIT_OK


def cmd_stock_ledger(ctx: Context) -> int:
    from app.messages import stock as sm
    from app.services.stock import export_ledger, ledger, local_time

    a = ctx.args
    rows = ledger(
        ctx.uow(),
        sku=a.sku,
        lot=a.lot,
        location=a.location,
        since=_date("--since", a.since),
        until=_date("--until", a.until),
    )
    if a.out:
        n = export_ledger(rows, Path(a.out))
        if not a.json:
            print(say(sm.EXPORTED(rows=n, file=a.out)))
    if a.json:
        _emit_json([r.to_json() for r in rows])
    elif not a.out:
        if not rows:
            print(say(sm.NO_MOVES()))
        for r in rows:
            print(
                f"{local_time(r.at):%Y-%m-%d %H:%M} {r.kind:<11} {r.sku:<14} {r.lot:<14} "
                f"{r.location:<11} {r.qty:>+6} lot {r.lot_balance:>6} all {r.balance:>7}  "
                f"{r.actor}: {r.reason} {r.ref}".rstrip()
            )
    return EXIT_OK


def cmd_wave_create(ctx: Context) -> int:
    from app.services.waves import WaveKind, create_wave

    kind = WaveKind.MIXED
    if ctx.args.single_item:
        kind = WaveKind.SINGLE
    elif ctx.args.multi_item:
        kind = WaveKind.MULTI
    result = create_wave(
        ctx.uow(),
        ctx.actor(),
        max_orders=ctx.args.max_orders,
        zone=ctx.args.zone,
        carrier=ctx.args.carrier,
        kind=kind,
    )
    if ctx.args.pdf and result.wave_id is not None:
        write_pick_list_pdf(ctx, result.wave_id, Path(ctx.args.pdf))
    if ctx.args.json:
        _emit_json(result.to_json())
        return EXIT_OK
    if result.wave_id is None:
        print("no wave created: no reviewed order could be allocated")
    else:
        print(
            f"wave {result.code}: {len(result.orders)} orders, {len(result.tasks)} pick tasks"
            + (f", pick list {ctx.args.pdf}" if ctx.args.pdf else "")
        )
    for order_no, reason in result.unallocated:
        print(f"  {order_no}: {say(reason)}")
    return EXIT_OK


def write_pick_list_pdf(ctx: Context, wave_id: int, path: Path) -> None:
    from app.services.waves import pick_list

    data = pick_list(ctx.uow(), wave_id)
    pdf = bootstrap.render_pick_list(data)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(pdf)
    tmp.replace(path)


def cmd_wave_list(ctx: Context) -> int:
    from app.services.waves import list_waves

    waves = list_waves(ctx.uow())
    if ctx.args.json:
        _emit_json([w.to_json() for w in waves])
        return EXIT_OK
    for w in waves:
        print(
            f"{w.code}  {w.status:<8} {w.kind:<12} {w.orders:>5} orders {w.tasks:>6} tasks "
            f"({w.open_tasks} open)  {w.created_at:%Y-%m-%d %H:%M} {w.created_by}"
        )
    return EXIT_OK


def cmd_wave_confirm(ctx: Context) -> int:
    from app.services.picking import confirm_wave

    result = confirm_wave(ctx.uow(), ctx.actor(), ctx.args.wave)
    if ctx.args.json:
        _emit_json(result.to_json())
    else:
        print(
            f"wave {result.wave} confirmed as picked: {result.tasks} tasks, {result.units} units, "
            f"{len(result.orders)} orders picked"
        )
    return EXIT_OK


def cmd_sku_pick_rule(ctx: Context) -> int:
    from app.services.catalog import set_pick_rule

    n = set_pick_rule(ctx.uow(), ctx.actor(), ctx.args.sku, ctx.args.rule)
    print(f"pick rule {ctx.args.rule.upper()}: {n} SKU(s) changed")
    return EXIT_OK


def cmd_shop_partial(ctx: Context) -> int:
    from app.services.catalog import set_allow_partial

    allow = ctx.args.allow == "yes"
    set_allow_partial(ctx.uow(), ctx.actor(), ctx.args.shop, allow)
    print(f"{ctx.args.shop}: partial shipments {'allowed' if allow else 'not allowed'}")
    return EXIT_OK


def cmd_shop_export_columns(ctx: Context) -> int:
    from app.domain.shipped import columns_text, parse_columns
    from app.services.catalog import export_columns, set_export_columns

    a = ctx.args
    if a.standard:
        columns = set_export_columns(ctx.uow(), ctx.actor(), a.shop, None)
    elif a.columns is not None:
        columns = set_export_columns(ctx.uow(), ctx.actor(), a.shop, parse_columns(a.columns))
    else:
        columns = export_columns(ctx.uow(), a.shop)
    if a.json:
        _emit_json([{"header": h, "column": c} for h, c in columns])
    else:
        print(f"{a.shop}: {columns_text(columns)}")
    return EXIT_OK


def cmd_shop_print(ctx: Context) -> int:
    from app.services.catalog import set_shop_print

    a = ctx.args
    mask = None if a.mask_phone is None else a.mask_phone == "yes"
    after = set_shop_print(
        ctx.uow(),
        ctx.actor(),
        a.shop,
        sender_name=a.sender_name,
        sender_phone=a.sender_phone,
        sender_address=a.sender_address,
        return_policy=a.return_policy,
        mask_phone=mask,
    )
    _emit_json({"shop": a.shop, **after})
    return EXIT_OK


# --- printing, binding, carriers, tracking ---------------------------------------------------


def _write(path: str, data: bytes) -> None:
    from app.messages.labels import CANNOT_SAVE

    target = Path(path)
    tmp = target.with_name(target.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(target)  # never a half-written file under the real name
    except OSError as exc:
        raise Refused(CANNOT_SAVE(path=str(target), reason=exc.strerror or str(exc))) from exc


def _with_cli_hints(fn: Callable[[], Any]) -> Any:
    """Run a shipping call; a refusal the command line has its own way out of says it
    ("--carrier SF", "packdesk carriers pool import …", "packdesk bind …")."""
    from app.messages import documents as doc_m
    from app.messages import shipping as ship_m

    hints = {
        ship_m.NO_CARRIER.name: ship_m.CLI_NO_CARRIER,
        ship_m.POOL_EMPTY.name: ship_m.CLI_POOL_EMPTY,
        doc_m.NO_TRACKING_NUMBER.name: doc_m.CLI_NO_TRACKING_NUMBER,
    }
    try:
        return fn()
    except DomainError as exc:
        hinted = hints.get(exc.message.name)
        if hinted is None:
            raise
        raise Refused(hinted(**exc.message.params)) from exc


def _said_errors(errors: Sequence[dict[str, object]]) -> list[dict[str, object]]:
    """Row errors of an import for JSON: the message in the user's language, and its code."""
    said = []
    for error in errors:
        message = error.get("message")
        if isinstance(message, Message):
            error = {**error, "message": say(message), "code": message.name}
        said.append(error)
    return said


def _render(fn: Callable[[], bytes]) -> bytes:
    try:
        return fn()
    except ValueError as exc:  # a renderer refusing (no font, a payload no barcode can carry)
        said = getattr(exc, "message", None)  # the renderer's message code, once it has one
        raise Refused(said if isinstance(said, Message) else str(exc)) from exc


def _warn_unprintable(document: Message, data: Any) -> None:
    """warning: lines for the fields whose characters no font has (they printed as □)."""
    from app.services.documents import cannot_print

    for warning in cannot_print(document, data, bootstrap.PrintingRenderer().unprintable):
        print(f"warning: {say(warning)}", file=sys.stderr)


def cmd_print_waybill(ctx: Context) -> int:
    from app.messages.labels import WAYBILL
    from app.services.documents import waybill_data

    a = ctx.args
    data = _with_cli_hints(
        lambda: waybill_data(ctx.uow(), ctx.actor(), a.order_no, parcel_no=a.parcel, shop=a.shop)
    )
    _write(a.out, _render(lambda: bootstrap.render_waybill(data, a.format, a.size)))
    print(
        f"waybill {data.tracking_no} ({data.carrier_code}) for order {data.order_no}, parcel "
        f"{data.parcel_no}/{data.parcel_count} → {a.out}"
    )
    what = WAYBILL(tracking=data.tracking_no, order=data.order_no, parcel=data.parcel_no)
    _warn_unprintable(what, data)
    if data.pool_left is not None and data.pool_left < POOL_WARNING:
        print(
            f"warning: only {data.pool_left} {data.carrier_code} numbers left in the pool; "
            "import more (packdesk carriers pool import)",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_print_slip(ctx: Context) -> int:
    from app.messages.labels import SLIP
    from app.services.documents import slip_data

    a = ctx.args
    data = slip_data(ctx.uow(), ctx.actor(), a.order_no, shop=a.shop)
    _write(a.out, _render(lambda: bootstrap.render_packing_slip(data, a.size)))
    print(f"packing slip for order {data.order_no} ({a.size.upper()}) → {a.out}")
    _warn_unprintable(SLIP(order=data.order_no), data)
    return EXIT_OK


def cmd_print_labels(ctx: Context) -> int:
    from app.services.documents import stock_labels_data
    from app.services.labels import label_what

    a = ctx.args
    items = stock_labels_data(ctx.uow(), ctx.actor(), a.kind, a.codes)
    _write(
        a.out,
        _render(lambda: bootstrap.render_stock_labels(items, a.copies, a.format, a.size)),
    )
    print(f"{len(items) * a.copies} {a.kind} label(s) → {a.out}")
    for item in items:
        _warn_unprintable(label_what(item, a.copies), item)
    return EXIT_OK


def cmd_bind(ctx: Context) -> int:
    from app.messages.shipping import CLI_REBIND_NEEDS_REASON
    from app.services.shipping import BindResult, bind

    a = ctx.args
    if a.rebind and not a.reason:
        raise Refused(CLI_REBIND_NEEDS_REASON())
    result: BindResult = _with_cli_hints(
        lambda: bind(
            ctx.uow(),
            ctx.actor(),
            a.order_no,
            a.tracking_no,
            carrier=a.carrier,
            parcel_no=a.parcel,
            shop=a.shop,
            rebind_reason=a.reason if a.rebind else None,
        )
    )
    if a.json:
        _emit_json(
            {
                "order_no": result.order_no,
                "parcel_no": result.parcel_no,
                "carrier": result.carrier,
                "tracking_no": result.tracking_no,
                "changed": result.changed,
                "previous": result.previous,
            }
        )
    elif not result.changed:
        print(
            f"{result.tracking_no} is already bound to order {result.order_no}, parcel "
            f"{result.parcel_no}; nothing changed"
        )
    else:
        was = f" (was {result.previous})" if result.previous else ""
        print(
            f"bound {result.tracking_no} ({result.carrier}) to order {result.order_no}, "
            f"parcel {result.parcel_no}{was}"
        )
    return EXIT_OK


def cmd_carriers_list(ctx: Context) -> int:
    from app.services.shipping import all_carriers, pool_status

    with ctx.uow().reading() as session:
        carriers = all_carriers(session)
    pools = {p.carrier: p for p in pool_status(ctx.uow())}
    rows = [
        {
            "code": c.code,
            "name": c.name_en,
            "name_zh": c.name_zh,
            "rule": say(c.rule),
            "pool_free": pools[c.code].free if c.code in pools else None,
            "pool_low": pools[c.code].low if c.code in pools else None,
            "pool_leased": pools[c.code].leased if c.code in pools else None,
        }
        for c in carriers
    ]
    if ctx.args.json:
        _emit_json(rows)
        return EXIT_OK
    for r in rows:
        pool = "" if r["pool_free"] is None else f"  pool: {r['pool_free']} free"
        pool += " (LOW)" if r["pool_low"] else ""
        pool += f", {r['pool_leased']} leased to stations" if r["pool_leased"] else ""
        print(f"{r['code']:<6} {r['name_zh']} {r['name']}{pool}\n       {r['rule']}")
    return EXIT_OK


def cmd_carriers_add(ctx: Context) -> int:
    from app.services.shipping import add_custom_carrier

    a = ctx.args
    code = add_custom_carrier(ctx.uow(), ctx.actor(), a.code, a.name, a.regex)
    print(f"carrier {code} ({a.name}) saved; its tracking numbers must match {a.regex}")
    return EXIT_OK


def cmd_carriers_pool_import(ctx: Context) -> int:
    from app.services.shipping import import_pool

    a = ctx.args
    result = import_pool(ctx.uow(), ctx.actor(), a.carrier, Path(a.file))
    _emit_json(
        {
            "carrier": result.carrier,
            "imported": result.imported,
            "skipped": result.skipped,
            "free": result.free,
            "low": result.low,
            "errors": _said_errors(result.errors),
        }
    )
    if result.errors:
        return EXIT_REFUSED
    if result.low:
        print(
            f"warning: the {result.carrier} pool has only {result.free} free numbers",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_carriers_rules_list(ctx: Context) -> int:
    from app.domain.carrier_rules import COLUMNS
    from app.messages import followup as fm
    from app.services.carrier_rules import list_rules

    table = list_rules(ctx.uow())
    if ctx.args.json:
        _emit_json(
            [
                {
                    "rule": i,
                    "shop": r.shop or None,
                    "province": r.province or None,
                    "min_g": r.min_g,
                    "max_g": r.max_g,
                    "fragile": r.fragile,
                    "carrier": r.carrier,
                }
                for i, r in enumerate(table, start=1)
            ]
        )
        return EXIT_OK
    anything = say(fm.ANY())
    print("rule  " + "  ".join(f"{c:<10}" for c in COLUMNS))
    for i, r in enumerate(table, start=1):
        cells = r.cells()
        print(f"{i:>4}  " + "  ".join(f"{cells[c] or anything:<10}" for c in COLUMNS))
    return EXIT_OK


def cmd_carriers_rules_set(ctx: Context) -> int:
    from app.services.carrier_rules import RulesRefused, set_rules

    path = Path(ctx.args.file)
    if not path.exists():
        raise Refused(im.NO_SUCH_FILE(path=str(path)))
    try:
        table = set_rules(ctx.uow(), ctx.actor(), path)
    except RulesRefused as exc:
        print(f"packdesk: {say(exc.message)}", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {say(problem)}", file=sys.stderr)
        return EXIT_REFUSED
    print(f"{len(table)} carrier rules set from {path.name}; the first rule that matches wins")
    return EXIT_OK


def cmd_tracking_import(ctx: Context) -> int:
    from app.services.tracking import CsvTrackingSource, import_updates

    result = import_updates(ctx.uow(), ctx.actor(), CsvTrackingSource(Path(ctx.args.file)))
    _emit_json(
        {
            "imported": result.imported,
            "duplicates": result.duplicates,
            "delivered": result.delivered,
            "completed": result.completed,
            "unknown": result.unknown,
            "errors": _said_errors(result.errors),
        }
    )
    return EXIT_REFUSED if result.errors else EXIT_OK


def _follow_ups(ctx: Context, rows: Sequence[Any]) -> int:
    data = [
        {
            "order_no": f.order_no,
            "shop": f.shop,
            "parcel_no": f.parcel_no,
            "carrier": f.carrier,
            "tracking_no": f.tracking_no,
            "status": f.status,
            "since": f.since.isoformat(sep=" ", timespec="minutes"),
            "hours": round(f.hours, 1),
        }
        for f in rows
    ]
    if ctx.args.json:
        _emit_json(data)
        return EXIT_OK
    for d in data:
        print(
            f"{d['order_no']:<24} {d['carrier'] or '':<6} {d['tracking_no']:<22} "
            f"{d['status']:<12} since {d['since']} ({d['hours']} h)"
        )
    print(f"{len(data)} parcel(s)")
    return EXIT_OK


def cmd_tracking_stale(ctx: Context) -> int:
    from app.services.tracking import stale

    return _follow_ups(ctx, stale(ctx.uow(), ctx.args.hours))


def cmd_tracking_unconfirmed(ctx: Context) -> int:
    from app.services.tracking import unconfirmed

    return _follow_ups(ctx, unconfirmed(ctx.uow(), ctx.args.days))


def cmd_handover_start(ctx: Context) -> int:
    from app.services import handover

    batch = handover.start(ctx.uow(), ctx.actor(), ctx.args.carrier)
    if ctx.args.json:
        _emit_json({"batch": batch.id, "code": batch.code, "carrier": batch.carrier})
        return EXIT_OK
    print(batch.code)
    return EXIT_OK


def cmd_handover_scan(ctx: Context) -> int:
    from app.services import handover

    scanned = handover.scan(ctx.uow(), ctx.actor(), ctx.args.batch, ctx.args.tracking_no)
    if ctx.args.json:
        _emit_json(
            {
                "batch": scanned.batch,
                "tracking_no": scanned.tracking_no,
                "order_no": scanned.order_no,
                "parcel": scanned.parcel_no,
                "count": scanned.count,
            }
        )
        return EXIT_OK
    print(say(scanned.message))
    return EXIT_OK


def cmd_handover_close(ctx: Context) -> int:
    from app.services import handover

    a = ctx.args
    closed = handover.close(ctx.uow(), ctx.actor(), a.batch, counted=a.count)
    if a.pdf:
        _write(a.pdf, bootstrap.render_handover_manifest(closed.manifest))
    if a.json:
        _emit_json(
            {
                "batch": closed.manifest.batch,
                "carrier": closed.manifest.carrier,
                "count": closed.manifest.count,
                "shipped": list(closed.shipped),
                "pdf": a.pdf,
            }
        )
        return EXIT_OK
    print(say(closed.message) + (f" Manifest: {a.pdf}" if a.pdf else ""))
    return EXIT_OK


def cmd_handover_pending(ctx: Context) -> int:
    import datetime as dt

    from app.config import Settings
    from app.services import handover

    hours = ctx.args.hours if ctx.args.hours is not None else Settings.load().handover_overdue_hours
    rows = handover.pending(ctx.uow(), ctx.actor(), overdue_after=dt.timedelta(hours=hours))
    if ctx.args.json:
        _emit_json([p.to_json() for p in rows])
        return EXIT_OK
    for p in rows:
        data = p.to_json()
        late = "  OVERDUE" if p.overdue else ""
        print(
            f"{p.order_no:<24} {p.parcel_no:>2} {p.carrier or '':<6} {p.tracking_no:<22} "
            f"packed {p.packed_at:%Y-%m-%d %H:%M} ({data['age_hours']} h){late}"
        )
    print(f"{len(rows)} parcel(s) waiting for handover, {sum(p.overdue for p in rows)} overdue")
    return EXIT_OK


def cmd_pack_claims(ctx: Context) -> int:
    from app.services.packing import claims

    rows = [
        {
            "order_no": c.order_no,
            "station": c.station,
            "packer": c.packer,
            "claimed_at": c.claimed_at.isoformat(sep=" ", timespec="seconds"),
            "last_seen": c.heartbeat_at.isoformat(sep=" ", timespec="seconds"),
            "stale": c.stale,
        }
        for c in claims(ctx.uow())
    ]
    if ctx.args.json:
        _emit_json(rows)
        return EXIT_OK
    for r in rows:
        stale = "  (stale: may be taken over)" if r["stale"] else ""
        print(
            f"{r['order_no']:<24} {r['station']:<16} {r['packer']:<12} since {r['claimed_at']}"
            f"{stale}"
        )
    print(f"{len(rows)} order(s) being packed")
    return EXIT_OK


def cmd_pack_release(ctx: Context) -> int:
    from app.services.packing import release_claim

    a = ctx.args
    released = release_claim(
        ctx.uow(),
        ctx.actor(),
        a.order_no,
        a.station or "command line",
        force=True,
        reason=a.reason,
    )
    print(f"order {a.order_no}: " + ("released" if released else "no station held it"))
    return EXIT_OK


def _read_pin(prompt: str) -> str:
    if sys.stdin.isatty():
        pin = getpass.getpass(prompt)
        if getpass.getpass("Again: ") != pin:
            raise Refused(um.PINS_DIFFER())
        return pin
    line = sys.stdin.readline()
    if not line:
        raise Refused(um.NO_PIN())
    return line.strip()


def cmd_user_add(ctx: Context) -> int:
    from app.services.users import add_user

    actor = ctx.actor()
    actor.require(Action.MANAGE_USERS)  # before asking for a PIN nobody may set
    pin = _read_pin(f"PIN for {ctx.args.name} (4-12 digits): ")
    info = add_user(ctx.uow(), actor, ctx.args.name, ctx.args.role, pin, ctx.args.badge)
    if ctx.args.json:
        _emit_json({"name": info.name, "role": info.role.value, "badge": info.badge_code})
    else:
        print(f"added {info.name} ({info.role.value}); badge code {info.badge_code}")
    return EXIT_OK


def cmd_user_list(ctx: Context) -> int:
    from app.services.users import list_users

    users = list_users(ctx.uow(), ctx.actor())
    if ctx.args.json:
        _emit_json([{"name": u.name, "role": u.role.value, "badge": u.badge_code} for u in users])
    else:
        for u in users:
            print(f"{u.name:<20} {u.role.value:<11} {u.badge_code}")
    return EXIT_OK


def _station_devices(ctx: Context) -> Any:
    from app.config import Settings

    return bootstrap.build_station_devices(Settings.load().devices, demo=False)


def cmd_devices_list(ctx: Context) -> int:
    """The station's devices as set in Settings, and the ports and queues this machine has."""
    from devices.discovery import list_cups_queues, list_serial_ports

    station = _station_devices(ctx)
    try:
        slots = {
            "label_printer": station.label_printer_slot,
            "document_printer": station.document_printer_slot,
            "scale": station.scale_slot,
            "serial_scanner": station.serial_scanner_slot,
        }
        data: dict[str, Any] = {
            "devices": {
                name: {
                    "kind": s.kind,
                    "where": s.where,
                    "problem": say(s.problem) if s.problem else None,
                }
                for name, s in slots.items()
            },
            "serial_ports": [
                {"device": p.device, "description": p.description} for p in list_serial_ports()
            ],
            "cups_queues": list_cups_queues(),
        }
    finally:
        station.close()
    if ctx.args.json:
        _emit_json(data)
        return EXIT_OK
    for name, slot in data["devices"].items():
        line = f"{name:<17} {slot['kind']:<10} {slot['where']}"
        print(line + (f"  ({slot['problem']})" if slot["problem"] else ""))
    ports = ", ".join(p["device"] for p in data["serial_ports"]) or "none"
    print(f"serial ports:     {ports}")
    print(f"CUPS queues:      {', '.join(data['cups_queues']) or 'none'}")
    return EXIT_OK


def cmd_devices_test_label(ctx: Context) -> int:
    """Print a test label on the station's label printer through the print queue, now."""

    from app.messages import devices as dm
    from app.services import printing_jobs

    station = _station_devices(ctx)
    try:
        printer = station.label_printer
        if printer is None:
            reason = station.label_printer_slot.problem or dm.NO_LABEL_PRINTER_SET()
            raise Refused(dm.NO_LABEL_PRINTER_CLI(reason=reason))
        when = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        label = bootstrap.test_label(
            when,
            station.label_printer_slot.where,
            printer.language,
            station.label_size_mm,
            station.label_dpi,
        )
        job_id = printing_jobs.queue_job(
            ctx.uow(),
            ctx.actor(),
            printer.name,
            printer.language,
            _render(lambda: printer.encode(label)),
            f"test label {when}",
        )
        report = printing_jobs.send_pending(ctx.uow, printer)
    finally:
        station.close()
    if job_id in report.sent:
        print(f"test label printed (job #{job_id}) on {station.label_printer_slot.where}")
        return EXIT_OK
    reason = report.errors[0] if report.errors else dm.NOT_SENT()
    detail = report.causes[0].detail if report.causes else ""
    if detail:
        print(f"packdesk: {say(dm.SYSTEM_SAID(detail=detail))}", file=sys.stderr)
    raise Refused(dm.TEST_LABEL_KEPT(job=job_id, reason=reason))


# --- parser ---------------------------------------------------------------------------------


# --- stock counts --------------------------------------------------------------------------------


def cmd_count_create(ctx: Context) -> int:
    from app.services import counts

    a = ctx.args
    result = counts.create_count(
        ctx.uow(),
        ctx.actor(),
        zone=a.zone,
        location_range=a.locations,
        skus=a.skus.split(",") if a.skus is not None else None,
        abc=a.abc,
        stale_days=a.stale_days,
        full=a.full,
        recount_units=a.recount_threshold,
        recount_value_fen=round(a.recount_value * 100) if a.recount_value is not None else None,
        counters=a.counters.split(",") if a.counters else (),
        abc_boundaries=a.abc_boundaries,
    )
    if a.json:
        _emit_json(result.to_json())
        return EXIT_OK
    print(f"stock count {result.code} ({result.scope}): {len(result.locations)} location(s)")
    for name, n in result.assigned.items():
        print(f"  {name}: {n} location(s)")
    if result.skipped:
        print(
            f"  left out, in another count not approved yet: {', '.join(result.skipped[:10])}"
            + (" …" if len(result.skipped) > 10 else "")
        )
    return EXIT_OK


def _abc_boundaries(text: str) -> tuple[float, float]:
    try:
        a, b = (float(part) / 100 for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: two percentages, e.g. 80,95 (A ends at 80 % of picked units, B at 95 %)"
        ) from None
    return a, b


def _location_view(ctx: Context, view: Any) -> int:
    if ctx.args.json:
        _emit_json(view.to_json())
        return EXIT_OK
    left = f"; {view.left} location(s) of this round left" if view.left >= 0 else ""
    print(
        f"{view.count} {view.location} (round {view.round}): {view.status}, counter "
        f"{view.counter or '—'}{left}"
    )
    for line in view.lines:
        print(f"  {line.sku:<16} {line.lot or '—':<16} {line.counted:>6}")
    return EXIT_OK


def cmd_count_start(ctx: Context) -> int:
    from app.services import counts

    a = ctx.args
    return _location_view(ctx, counts.start_location(ctx.uow(), ctx.actor(), a.count, a.location))


def cmd_count_record(ctx: Context) -> int:
    from app.services import counts

    a = ctx.args
    view = counts.record(
        ctx.uow(), ctx.actor(), a.count, a.location, a.sku, a.qty, lot=a.lot, add=False
    )
    return _location_view(ctx, view)


def cmd_count_done(ctx: Context) -> int:
    from app.services import counts

    a = ctx.args
    return _location_view(ctx, counts.finish_location(ctx.uow(), ctx.actor(), a.count, a.location))


def _variance_lines(variances: Sequence[Any]) -> None:
    for v in variances:
        line = v.line
        earlier = f" (before: {', '.join(map(str, v.earlier))})" if v.earlier else ""
        print(
            f"  {v.location:<12} {v.sku:<14} {v.lot or '—':<12} expected {v.expected:>5}  "
            f"counted {v.counted:>5}{earlier}  variance {line.variance:+d}"
            + (f"  ¥{line.value_fen / 100:+.2f}" if line.value_fen else "")
        )


def cmd_count_submit(ctx: Context) -> int:
    from app.services import counts

    result = counts.submit(ctx.uow(), ctx.actor(), ctx.args.count)
    if ctx.args.json:
        _emit_json(result.to_json())
        return EXIT_OK
    print(f"stock count {result.code}: {len(result.variances)} variance(s), {result.status}")
    _variance_lines(result.variances)
    if result.recount:
        print(f"  to recount by another counter: {', '.join(result.recount)}")
    return EXIT_OK


def cmd_count_recount(ctx: Context) -> int:
    from app.services import counts

    done = counts.order_recount(ctx.uow(), ctx.actor(), ctx.args.count, ctx.args.locations)
    print(f"stock count {ctx.args.count.upper()}: recount ordered for {', '.join(done)}")
    return EXIT_OK


def cmd_count_approve(ctx: Context) -> int:
    from app.services import counts

    result = counts.approve(ctx.uow(), ctx.actor(), ctx.args.count, ctx.args.reason)
    if ctx.args.json:
        _emit_json(result.to_json())
        return EXIT_OK
    print(
        f"stock count {result.code} approved ({result.reason}): {len(result.moves)} "
        f"adjustment(s), {sum(m.qty for m in result.moves):+d} unit(s)"
    )
    for m in result.moves:
        print(f"  {m.location:<12} {m.sku:<14} {m.lot:<12} {m.qty:+d}")
    return EXIT_OK


def cmd_count_cancel(ctx: Context) -> int:
    from app.services import counts

    code = counts.cancel(ctx.uow(), ctx.actor(), ctx.args.count)
    print(f"stock count {code} cancelled: nothing of it was booked")
    return EXIT_OK


def cmd_count_list(ctx: Context) -> int:
    from app.services import counts

    rows = counts.list_counts(ctx.uow())
    if ctx.args.json:
        _emit_json([r.to_json() for r in rows])
        return EXIT_OK
    for r in rows:
        print(
            f"{r.code}  {r.status:<10} {r.done:>5}/{r.locations:<5} {r.scope}  "
            f"({r.created_by}, {r.created_at:%Y-%m-%d %H:%M})"
        )
    return EXIT_OK


#: The variance report's columns (CSV / XLSX).
COUNT_REPORT_COLUMNS = (
    "location",
    "sku",
    "lot",
    "round",
    "counter",
    "expected",
    "counted",
    "earlier_counts",
    "variance",
    "value",
    "moved_while_counting",
)


def cmd_count_report(ctx: Context) -> int:
    from app.services import counts

    out = Path(ctx.args.out)
    if out.suffix.lower() == ".pdf":
        from app.services.count_documents import variance_report

        report = variance_report(ctx.uow(), ctx.args.count)
        _write(ctx.args.out, bootstrap.render_variance_report(report))
        print(
            f"variance report of {report.code} written to {out}: {len(report.lines)} line(s), "
            f"{len(report.with_variance)} with a variance"
        )
        return EXIT_OK
    from app.services.export import write_rows

    rows = counts.count_variances(ctx.uow(), ctx.args.count)
    n = write_rows(
        out,
        COUNT_REPORT_COLUMNS,
        (
            (
                v.location,
                v.sku,
                v.lot,
                v.round,
                v.counter or "",
                v.expected,
                v.counted,
                " ".join(map(str, v.earlier)),
                v.line.variance,
                v.line.value_fen / 100,
                v.line.moved_while_counting,
            )
            for v in rows
        ),
        sheet="variances",
    )
    print(f"{n} line(s) of {ctx.args.count.upper()} written to {out}")
    return EXIT_OK


def cmd_count_sheet(ctx: Context) -> int:
    from app.services.count_documents import count_sheet

    sheet = count_sheet(ctx.uow(), ctx.args.count, ctx.args.round)
    _write(ctx.args.out, bootstrap.render_count_sheet(sheet))
    print(
        f"count sheet of {sheet.code}, round {sheet.round}, written to {ctx.args.out}: "
        f"{len(sheet.locations)} location(s)"
    )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="packdesk",
        description="Packdesk: warehouse-floor fulfilment (review, pick, pack, ship).",
    )
    parser.add_argument("--version", action="version", version=f"packdesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="SQLAlchemy database URL (default: $PACKDESK_DB, else the station's SQLite file)",
    )
    parser.add_argument(
        "--as",
        dest="as_user",
        metavar="NAME",
        help="act as this user (PIN from $PACKDESK_PIN or a prompt); default: admin",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable[[Context], int], help_: str, **kw: Any) -> Any:
        p = sub.add_parser(name, help=help_, description=help_, **kw)
        p.set_defaults(func=func)
        return p

    add("gui", cmd_gui, "open the desktop app (the default)")

    p = add("demo", cmd_demo, "build (or rebuild) the demo warehouse, then open the app")
    p.add_argument("--orders", type=_positive_int, default=1000, help="orders (default 1000)")
    p.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    p.add_argument("--no-gui", action="store_true", help="only build the database")

    p = add("db", _missing_sub("db"), "database maintenance")
    db_sub = p.add_subparsers(dest="db_command", metavar="ACTION")
    db_sub.add_parser(
        "upgrade",
        help="migrate the database to the newest schema (as the tables' owner); grant the "
        "application's roles the new tables",
    ).set_defaults(func=cmd_db_upgrade)
    q = db_sub.add_parser(
        "grant",
        help="PostgreSQL, as the tables' owner: give ROLE what the app needs and nothing more "
        "(read and append the ledger and the audit trail; no TRUNCATE, ALTER, DROP)",
    )
    q.add_argument("role", metavar="ROLE", help="an existing login role that owns nothing")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_db_grant)
    q = db_sub.add_parser("revoke", help="PostgreSQL, as the owner: take the app's privileges back")
    q.add_argument("role", metavar="ROLE")
    q.set_defaults(func=cmd_db_revoke)
    q = db_sub.add_parser(
        "grant-station",
        help="PostgreSQL, as the owner: let ROLE connect as station NAME with only what its "
        "sync needs (its own events and station row; row-level security)",
    )
    q.add_argument("role", metavar="ROLE", help="an existing login role that owns nothing")
    q.add_argument("--station", required=True, metavar="NAME")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_db_grant_station)
    q = db_sub.add_parser("roles", help="the tables' owner and the application's roles")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_db_roles)

    p = add("import", cmd_import, "import SKUs, a stock receipt or orders from CSV/XLSX")
    p.add_argument("kind", choices=["skus", "stock", "orders"])
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print the result as JSON")

    p = add("review", cmd_review, "review every new order (审单)")
    p.add_argument("--json", action="store_true")

    p = add("orders", _missing_sub("orders"), "list, export and act on orders")
    o_sub = p.add_subparsers(dest="orders_command", metavar="ACTION")
    q = o_sub.add_parser("list", help="list orders with their lines")
    q.add_argument("--status", help="only orders in this status")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_orders_list)
    q = o_sub.add_parser("export", help="export orders to CSV or XLSX (re-importable)")
    q.add_argument("file")
    q.add_argument("--status")
    q.set_defaults(func=cmd_orders_export)
    q = o_sub.add_parser(
        "export-shipped",
        help="tracking numbers back to the shops (发货回传): one row per shipped parcel; "
        "without --since only the parcels not exported before",
    )
    q.add_argument("--since", metavar="DATETIME", help="every parcel shipped since (2026-12-01)")
    q.add_argument("--shop", help="one shop's parcels, in the shop's own columns")
    q.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_orders_export_shipped)
    q = o_sub.add_parser(
        "complete",
        help="complete (已完成) the orders delivered more than DAYS ago that nobody confirmed",
    )
    q.add_argument(
        "--delivered-before",
        type=float,
        metavar="DAYS",
        help="days since delivery (default: the setting complete_after_days, 7)",
    )
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_orders_complete)
    for action, help_ in (
        ("hold", "put orders on hold"),
        ("release", "release held orders"),
        ("cancel", "cancel orders: release stock, put picked units away, intercept parcels"),
        ("approve", "approve exception orders by hand"),
        ("back-to-review", "send exception orders back to review"),
        ("accept-change", "confirm the platform's change of picked orders (packed again)"),
        ("unpack", "open a cancelled order's intercepted parcels: their units to put away"),
    ):
        q = o_sub.add_parser(action, help=help_)
        q.add_argument("order_no", nargs="+")
        q.add_argument("--shop", help="the shop, when order numbers repeat across shops")
        if action in ("hold", "release", "cancel", "unpack"):
            q.add_argument("--json", action="store_true")
        q.set_defaults(func=cmd_orders_action, action=action)
    q = o_sub.add_parser(
        "intercepts",
        help="parcels to take out at handover and intercept requests for the carriers (拦截)",
    )
    q.add_argument("--json", action="store_true")
    q.add_argument("--out", metavar="FILE.csv", help="write the list as CSV")
    q.set_defaults(func=cmd_orders_intercepts)

    p = add("putaway", _missing_sub("putaway"), "put picked units of cancelled orders back (上架)")
    pa_sub = p.add_subparsers(dest="putaway_command", metavar="ACTION")
    q = pa_sub.add_parser("list", help="open put-away tasks in walking order, with their age")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_putaway_list)
    q = pa_sub.add_parser("confirm", help="the task's units are back on the shelf")
    q.add_argument("task", type=_positive_int, metavar="TASK")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_putaway_confirm)

    p = add("stock", _missing_sub("stock"), "stock per lot")
    s_sub = p.add_subparsers(dest="stock_command", metavar="ACTION")
    q = s_sub.add_parser("list", help="lots with on-hand and allocated, oldest first")
    q.add_argument("--sku")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_stock_list)
    q = s_sub.add_parser(
        "low",
        help="SKUs whose free stock is below their low-stock threshold (库存预警), lowest days "
        "of cover first; --out writes the replenishment list",
    )
    q.add_argument("--json", action="store_true")
    q.add_argument("--out", metavar="FILE.csv|FILE.xlsx", help="write the list as CSV or XLSX")
    q.set_defaults(func=cmd_stock_low)
    q = s_sub.add_parser(
        "ledger",
        help="every stock move of a SKU, lot or location with the running balances, oldest "
        "first (give one or more of --sku, --lot, --location)",
    )
    q.add_argument("--sku", help="a SKU code or one of its barcodes")
    q.add_argument("--lot", help="a lot code")
    q.add_argument("--location", help="a location code (e.g. A-01-02-03)")
    q.add_argument("--since", metavar="DATE", help="moves from this day on (2026-12-01)")
    q.add_argument("--until", metavar="DATE", help="moves up to this day, included")
    q.add_argument("--json", action="store_true")
    q.add_argument("--out", metavar="FILE.csv|FILE.xlsx", help="write the moves as CSV or XLSX")
    q.set_defaults(func=cmd_stock_ledger)

    p = add("count", _missing_sub("count"), "stock counts (盘点)")
    c_sub = p.add_subparsers(dest="count_command", metavar="ACTION")
    q = c_sub.add_parser("create", help="a count of a zone, a location range, SKUs, …")
    scope = q.add_mutually_exclusive_group(required=True)
    scope.add_argument("--zone", metavar="Z")
    scope.add_argument("--locations", metavar="FROM..TO", help="location codes from FROM to TO")
    scope.add_argument("--skus", metavar="S1,S2", help="the locations holding these SKUs")
    scope.add_argument(
        "--abc", choices=["A", "B", "C", "a", "b", "c"], help="by last 30 days' picks"
    )
    scope.add_argument(
        "--stale-days", type=_positive_int, metavar="N", help="not counted for N days"
    )
    scope.add_argument("--full", action="store_true", help="every location")
    q.add_argument(
        "--recount-threshold",
        type=int,
        default=2,
        metavar="UNITS",
        help="a variance of more units asks for a recount (default 2)",
    )
    q.add_argument(
        "--recount-value", type=float, metavar="YUAN", help="… or of more value than this"
    )
    q.add_argument(
        "--counters",
        metavar="NAME,NAME",
        help="share the locations out between these counters (runs in walking order)",
    )
    q.add_argument(
        "--abc-boundaries",
        type=_abc_boundaries,
        default=(0.80, 0.95),
        metavar="A,B",
        help="with --abc: the %% of picked units ending classes A and B (default 80,95)",
    )
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_count_create)
    for name, func, help_ in (
        ("start", cmd_count_start, "start counting a location (its on-hand is noted)"),
        ("done", cmd_count_done, "a location is counted: its expected quantities are taken"),
    ):
        q = c_sub.add_parser(name, help=help_)
        q.add_argument("count", metavar="COUNT")
        q.add_argument("location", metavar="LOCATION")
        q.add_argument("--as", dest="as_user", metavar="COUNTER", default=argparse.SUPPRESS)
        q.add_argument("--json", action="store_true")
        q.set_defaults(func=func)
    q = c_sub.add_parser("record", help="set a SKU's (and lot's) counted quantity in a location")
    q.add_argument("count", metavar="COUNT")
    q.add_argument("location", metavar="LOCATION")
    q.add_argument("sku", metavar="SKU", help="SKU code or barcode")
    q.add_argument("qty", type=int, metavar="QTY")
    q.add_argument("--lot", metavar="LOT")
    q.add_argument("--as", dest="as_user", metavar="COUNTER", default=argparse.SUPPRESS)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_count_record)
    q = c_sub.add_parser("submit", help="counted: variances, and recounts where they are large")
    q.add_argument("count", metavar="COUNT")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_count_submit)
    q = c_sub.add_parser("recount", help="order another recount of counted locations")
    q.add_argument("count", metavar="COUNT")
    q.add_argument("locations", nargs="+", metavar="LOCATION")
    q.set_defaults(func=cmd_count_recount)
    q = c_sub.add_parser("approve", help="a supervisor books the variances into the ledger")
    q.add_argument("count", metavar="COUNT")
    q.add_argument(
        "--reason",
        required=True,
        choices=["miscount", "damaged", "lost", "found", "theft", "data_error"],
    )
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_count_approve)
    q = c_sub.add_parser("cancel", help="call a count off before approval (nothing booked)")
    q.add_argument("count", metavar="COUNT")
    q.set_defaults(func=cmd_count_cancel)
    q = c_sub.add_parser("list", help="stock counts, newest first")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_count_list)
    q = c_sub.add_parser("report", help="the variance report (PDF with charts, CSV or XLSX)")
    q.add_argument("count", metavar="COUNT")
    q.add_argument("--out", required=True, metavar="FILE.pdf|.csv|.xlsx")
    q.set_defaults(func=cmd_count_report)
    q = c_sub.add_parser("sheet", help="the count sheet (A4 PDF, blind) to count on paper")
    q.add_argument("count", metavar="COUNT")
    q.add_argument(
        "--round",
        type=_positive_int,
        metavar="N",
        help="the round to print (default: the latest with locations still to count)",
    )
    q.add_argument("--out", required=True, metavar="FILE.pdf")
    q.set_defaults(func=cmd_count_sheet)

    p = add("wave", _missing_sub("wave"), "pick waves (波次)")
    w_sub = p.add_subparsers(dest="wave_command", metavar="ACTION")
    q = w_sub.add_parser("create", help="allocate reviewed orders (FIFO) into a new wave")
    q.add_argument("--max-orders", type=_positive_int, metavar="N")
    q.add_argument("--zone", help="only stock in this zone (e.g. A)")
    q.add_argument("--carrier", help="only orders for this carrier (e.g. SF)")
    only = q.add_mutually_exclusive_group()
    only.add_argument("--single-item", action="store_true", help="one-unit orders only")
    only.add_argument("--multi-item", action="store_true", help="orders of several units only")
    q.add_argument("--pdf", metavar="FILE", help="also write the A4 pick list")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_wave_create)
    q = w_sub.add_parser("confirm", help="confirm a printed pick list as picked as planned")
    q.add_argument("wave", help="wave id or code (e.g. W000042)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_wave_confirm)
    q = w_sub.add_parser("list", help="waves, newest first")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_wave_list)

    p = add("sku", _missing_sub("sku"), "SKU rules")
    k_sub = p.add_subparsers(dest="sku_command", metavar="ACTION")
    q = k_sub.add_parser("pick-rule", help="FIFO or FEFO (expiry-tracked SKUs) for SKUs")
    q.add_argument("rule", choices=["fifo", "fefo"])
    q.add_argument("sku", nargs="+")
    q.set_defaults(func=cmd_sku_pick_rule)

    p = add("shop", _missing_sub("shop"), "per-shop rules")
    h_sub = p.add_subparsers(dest="shop_command", metavar="ACTION")
    q = h_sub.add_parser("partial", help="allow partial shipments for a shop's orders (yes/no)")
    q.add_argument("shop")
    q.add_argument("allow", choices=["yes", "no"])
    q.set_defaults(func=cmd_shop_partial)
    q = h_sub.add_parser(
        "export-columns",
        help="the shop's columns in the shipped export (its platform's upload template), e.g. "
        '"订单号=order_no,物流公司=carrier_name,运单号=tracking_no"; without COLUMNS: show them',
    )
    q.add_argument("shop")
    q.add_argument("columns", nargs="?", metavar="COLUMNS")
    q.add_argument("--standard", action="store_true", help="back to the standard columns")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_shop_export_columns)
    q = h_sub.add_parser("print", help="the shop's waybill sender, phone masking, return policy")
    q.add_argument("shop")
    q.add_argument("--sender-name")
    q.add_argument("--sender-phone")
    q.add_argument("--sender-address")
    q.add_argument("--return-policy")
    q.add_argument("--mask-phone", choices=["yes", "no"])
    q.set_defaults(func=cmd_shop_print)

    p = add("print", _missing_sub("print"), "waybills, packing slips, SKU/location/lot labels")
    pr_sub = p.add_subparsers(dest="print_command", metavar="DOCUMENT")
    q = pr_sub.add_parser("waybill", help="the shipping label of an order's parcel")
    q.add_argument("order_no")
    q.add_argument("--parcel", type=_positive_int)
    q.add_argument("--shop")
    q.add_argument("--format", choices=["pdf", "zpl", "tspl"], default="pdf")
    q.add_argument("--size", choices=["100x150", "76x130", "100x100"], default="100x150")
    q.add_argument("--out", required=True, metavar="FILE")
    q.set_defaults(func=cmd_print_waybill)
    q = pr_sub.add_parser("slip", help="the packing slip (包裹清单) of an order")
    q.add_argument("order_no")
    q.add_argument("--shop")
    q.add_argument("--size", choices=["a4", "a5"], default="a4")
    q.add_argument("--out", required=True, metavar="FILE.pdf")
    q.set_defaults(func=cmd_print_slip)
    q = pr_sub.add_parser("labels", help="SKU, location or lot labels")
    q.add_argument("kind", choices=["sku", "location", "lot"])
    q.add_argument("codes", nargs="+", metavar="CODE")
    q.add_argument("--copies", type=_positive_int, default=1)
    q.add_argument("--format", choices=["pdf", "zpl", "tspl"], default="pdf")
    q.add_argument("--size", choices=["60x40", "50x30", "100x50", "100x150"], default="60x40")
    q.add_argument("--out", required=True, metavar="FILE")
    q.set_defaults(func=cmd_print_labels)

    p = add("bind", cmd_bind, "bind a tracking number to an order's parcel")
    p.add_argument("order_no")
    p.add_argument("tracking_no")
    p.add_argument("--carrier", metavar="CODE")
    p.add_argument("--parcel", type=_positive_int)
    p.add_argument("--shop")
    p.add_argument("--rebind", action="store_true", help="replace the parcel's number (supervisor)")
    p.add_argument("--reason", help="why the number is replaced (with --rebind)")
    p.add_argument("--json", action="store_true")

    p = add("carriers", _missing_sub("carriers"), "carriers, their rules and number pools")
    c_sub = p.add_subparsers(dest="carriers_command", metavar="ACTION")
    q = c_sub.add_parser("list", help="carriers with their tracking-number rules and pools")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_carriers_list)
    q = c_sub.add_parser("add", help="a carrier the registry does not know, with its regex")
    q.add_argument("code")
    q.add_argument("name")
    q.add_argument("regex")
    q.set_defaults(func=cmd_carriers_add)
    q = c_sub.add_parser("pool", help="the carrier's pre-allocated waybill numbers")
    cp_sub = q.add_subparsers(dest="pool_command", metavar="ACTION")
    r = cp_sub.add_parser("import", help="import a carrier's file of numbers (CSV or TXT)")
    r.add_argument("carrier")
    r.add_argument("file")
    r.set_defaults(func=cmd_carriers_pool_import)
    q.set_defaults(func=_missing_sub("carriers pool"))
    q = c_sub.add_parser(
        "rules",
        help="carrier choice (选择合适快递): shop, province, weight, fragile → carrier, "
        "applied at review to orders without a carrier",
    )
    cr_sub = q.add_subparsers(dest="rules_command", metavar="ACTION")
    r = cr_sub.add_parser("list", help="the rules in the order they are tried")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=cmd_carriers_rules_list)
    r = cr_sub.add_parser(
        "set",
        help="replace the rules with a CSV/XLSX file: shop,province,min_g,max_g,fragile,carrier "
        "(blank = any)",
    )
    r.add_argument("file")
    r.set_defaults(func=cmd_carriers_rules_set)
    q.set_defaults(func=_missing_sub("carriers rules"))

    p = add("tracking", _missing_sub("tracking"), "carriers' tracking updates and follow-up")
    t_sub = p.add_subparsers(dest="tracking_command", metavar="ACTION")
    q = t_sub.add_parser("import", help="import a carrier's status file (tracking_no,status,time)")
    q.add_argument("file")
    q.set_defaults(func=cmd_tracking_import)
    q = t_sub.add_parser("stale", help="shipped parcels with no tracking update for a while")
    q.add_argument("--hours", type=float, default=48)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_tracking_stale)
    q = t_sub.add_parser("unconfirmed", help="delivered orders nobody confirmed after N days")
    q.add_argument("--days", type=float, default=7)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_tracking_unconfirmed)

    p = add("station", _missing_sub("station"), "stations and the central database")
    st_sub = p.add_subparsers(dest="station_command", metavar="ACTION")
    q = st_sub.add_parser(
        "init",
        help="make this (empty) database a station of the central PostgreSQL database: "
        "register it there and copy what the station needs",
    )
    q.add_argument("--name", required=True, help="the station's name, unique (e.g. PACK-01)")
    q.add_argument(
        "--central", required=True, metavar="CENTRAL_URL", help="the central database's URL"
    )
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_station_init)
    q = st_sub.add_parser("list", help="on the central database: the stations and their contact")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_station_list)

    p = add(
        "sync",
        cmd_sync,
        "one sync round of this station: push its events, pull the central changes",
    )
    p.add_argument("--json", action="store_true")
    sy_sub = p.add_subparsers(dest="sync_command", metavar="ACTION")
    q = sy_sub.add_parser("status", help="online or not, events waiting, last sync")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_sync_status)
    q = sy_sub.add_parser("rejected", help="events the central rules rejected, to resolve")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_sync_rejected)
    q = sy_sub.add_parser(
        "apply",
        help="on the central database: apply what the stations pushed (stations with a role "
        "of their own cannot apply it themselves)",
    )
    q.add_argument("--follow", action="store_true", help="keep applying as events come")
    q.add_argument(
        "--workers",
        type=int,
        default=2,
        metavar="N",
        help="with --follow: appliers side by side (each station's events stay in order)",
    )
    q.set_defaults(func=cmd_sync_apply)
    q = sy_sub.add_parser("resolve", help="take rejected events off the list (dealt with)")
    q.add_argument("events", nargs="+", metavar="EVENT")
    q.set_defaults(func=cmd_sync_resolve)

    p = add("handover", _missing_sub("handover"), "hand parcels over to a carrier's courier")
    h_sub = p.add_subparsers(dest="handover_command", metavar="ACTION")
    q = h_sub.add_parser("start", help="start a handover batch for a carrier's pickup")
    q.add_argument("carrier")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_handover_start)
    q = h_sub.add_parser("scan", help="scan a parcel into a batch (exit 1 with the reason)")
    q.add_argument("batch", help="the batch's code (HO000001) or number")
    q.add_argument("tracking_no")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_handover_scan)
    q = h_sub.add_parser("close", help="close a batch: its orders ship; write the manifest")
    q.add_argument("batch")
    q.add_argument("--pdf", metavar="FILE", help="write the handover manifest (交接单) PDF")
    q.add_argument("--count", type=int, help="the courier's count: refused when it differs")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_handover_close)
    q = h_sub.add_parser("pending", help="packed parcels not handed over yet, oldest first")
    q.add_argument("--hours", type=float, help="overdue after (default: the station setting)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_handover_pending)

    p = add("user", _missing_sub("user"), "users and roles")
    u_sub = p.add_subparsers(dest="user_command", metavar="ACTION")
    q = u_sub.add_parser("add", help="add a user (PIN from a prompt or standard input)")
    q.add_argument("name")
    q.add_argument("--role", required=True, choices=[r.value for r in Role])
    q.add_argument("--badge", help="badge barcode (default: generated)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_user_add)
    q = u_sub.add_parser("list", help="list users")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_user_list)

    p = add("pack", _missing_sub("pack"), "pack stations: who packs what, stuck claims")
    k2_sub = p.add_subparsers(dest="pack_command", metavar="ACTION")
    q = k2_sub.add_parser("claims", help="orders being packed, by station")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_pack_claims)
    q = k2_sub.add_parser("release", help="release a station's claim on an order (supervisor)")
    q.add_argument("order_no")
    q.add_argument("--reason", required=True, help="why (e.g. station broken)")
    q.add_argument("--station", help="act as this station (default: the command line)")
    q.set_defaults(func=cmd_pack_release)

    p = add("devices", _missing_sub("devices"), "the station's scanners, printers and scale")
    d_sub = p.add_subparsers(dest="devices_command", metavar="ACTION")
    q = d_sub.add_parser("list", help="devices as set in Settings, serial ports, CUPS queues")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_devices_list)
    q = d_sub.add_parser("test-label", help="print a test label on the station's label printer")
    q.set_defaults(func=cmd_devices_test_label)
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be greater than 0")
    return value


def _missing_sub(name: str) -> Callable[[Context], int]:
    def fail(ctx: Context) -> int:
        print(f"packdesk {name}: choose an action; see packdesk {name} --help", file=sys.stderr)
        return EXIT_USAGE

    return fail


def _pull_what_was_done_centrally(ctx: Context) -> None:
    """A station's command that did its work on the central database (a wave, a cancel…)
    pulls the result into the station's file right away."""
    if ctx._engine is None:
        return
    from app.services.central_only import changed_centrally

    if not changed_centrally(ctx._engine):
        return
    from app.sync import station

    try:
        station.sync_once(ctx._engine)
    except DomainError as exc:
        print(f"packdesk: {say(exc.message)}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    bootstrap.setup_logging(verbose=args.verbose)
    if not getattr(args, "func", None):
        args.func = cmd_gui
    ctx = Context(args)
    try:
        # A database that cannot be used (locked, full, …) is one sentence: app/db/faults.py.
        with bootstrap.database_faults(lambda: ctx.db_url):
            if args.as_user and args.func is not cmd_demo:
                ctx.actor()  # --as logs in first: a wrong PIN is refused even for a read command
            code = int(args.func(ctx))
            _pull_what_was_done_centrally(ctx)
            return code
    except (Refused, DomainError) as exc:
        print(f"packdesk: {say(exc.message)}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("packdesk: interrupted; nothing was changed by the unfinished step", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
