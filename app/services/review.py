"""Order review (审单): every new order is checked; passing ones become reviewed, failing ones
exceptions with every reason listed.  One transaction for the whole run."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import String, bindparam, func, select, update

from app.db.models import Order, OrderLine, Sku, utcnow
from app.db.uow import UnitOfWork
from app.domain.carrier_rules import OrderFacts, choose
from app.domain.errors import DomainError
from app.domain.orders import OrderLifecycle, OrderStatus
from app.domain.review import ReviewInput, ReviewLine, review_order
from app.domain.users import Action, Actor
from app.messages import Message
from app.messages import orders as om
from app.messages import sync as sync_msg
from app.services import audit, carrier_rules
from app.services.central_only import require_central
from app.services.orders import bulk_set_status
from app.services.stock import free_stock_query

Progress = Callable[[int, int], None]


class ReasonCount(NamedTuple):
    """How many orders one kind of reason sent to exception."""

    code: str  # the reason's code, e.g. "order.reason.no_stock"
    reason: Message  # the kind in words ("not enough stock")
    orders: int


@dataclass
class ReviewSummary:
    checked: int = 0
    reviewed: int = 0
    exceptions: int = 0
    skipped: int = 0  # changed by someone else while we were checking
    #: reviewed orders that came without a carrier and got one from the carrier rules
    carriers_chosen: int = 0
    #: the most common kinds of reason, by code, with how many orders each sent to exception
    top_reasons: list[ReasonCount] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "reviewed": self.reviewed,
            "exceptions": self.exceptions,
            "skipped": self.skipped,
            "carriers_chosen": self.carriers_chosen,
            "top_reasons": [
                {"reason": r.reason.english(), "code": r.code, "orders": r.orders}
                for r in self.top_reasons
            ],
            "seconds": round(self.seconds, 3),
        }


def review_new_orders(
    uow: UnitOfWork,
    actor: Actor,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> ReviewSummary:
    """Check every `new` order, highest priority and oldest first."""
    actor.require(Action.REVIEW_ORDERS)
    uow = require_central(uow, sync_msg.WHAT_REVIEW())
    started = time.perf_counter()
    today = today or dt.date.today()
    summary = ReviewSummary()
    with uow:
        session = uow.session
        # Lines whose SKU arrived in the catalogue after the order was imported.
        known = select(Sku.id).where(Sku.code == OrderLine.sku_code).scalar_subquery()
        new_ids = select(Order.id).where(Order.status == OrderStatus.NEW.value)
        session.execute(
            update(OrderLine)
            .where(OrderLine.sku_id.is_(None), OrderLine.order_id.in_(new_ids))
            .values(sku_id=known)
            .execution_options(synchronize_session=False)
        )

        free: dict[str, int] = {
            code: int(n or 0) for code, n in session.execute(free_stock_query(today))
        }
        # Orders reviewed earlier but not yet allocated have already claimed their stock.
        claimed = session.execute(
            select(OrderLine.sku_code, func.sum(OrderLine.qty))
            .join(Order, Order.id == OrderLine.order_id)
            .where(Order.status == OrderStatus.REVIEWED.value, OrderLine.sku_id.is_not(None))
            .group_by(OrderLine.sku_code)
        )
        for code, qty in claimed:
            free[code] = free.get(code, 0) - int(qty or 0)

        orders = session.execute(
            select(
                Order.id,
                Order.order_no,
                Order.paid,
                Order.buyer_name,
                Order.phone,
                Order.province,
                Order.city,
                Order.district,
                Order.address,
                Order.shop,
                Order.carrier,
            )
            .where(Order.status == OrderStatus.NEW.value)
            .order_by(Order.priority.desc(), Order.ordered_at, Order.id)
            # PostgreSQL: lock them; another station reviewing now skips these (SQLite ignores
            # this and serialises writers with BEGIN IMMEDIATE instead).
            .with_for_update(skip_locked=True)
        ).all()
        lines: dict[int, list[ReviewLine]] = {}
        weight: Counter[int] = Counter()  # grams per order, for the carrier rules
        fragile: set[int] = set()
        line_rows = session.execute(
            select(
                OrderLine.order_id,
                OrderLine.sku_code,
                OrderLine.sku_id,
                OrderLine.qty,
                Sku.weight_g,
                Sku.fragile,
            )
            .join(Order, Order.id == OrderLine.order_id)
            .outerjoin(Sku, Sku.id == OrderLine.sku_id)
            .where(Order.status == OrderStatus.NEW.value)
        )
        for order_id, sku_code, sku_id, qty, grams, breakable in line_rows:
            lines.setdefault(order_id, []).append(ReviewLine(sku_code, sku_id is not None, qty))
            weight[order_id] += (grams or 0) * qty
            if breakable:
                fragile.add(order_id)
        table = carrier_rules.rules(session)
        chosen: list[dict[str, Any]] = []

        total = len(orders)
        step = max(1, total // 50)
        now = utcnow()
        passed: list[dict[str, Any]] = []
        failed: list[dict[str, Any]] = []
        changes: list[audit.Change] = []
        reasons_seen: Counter[str] = Counter()  # orders per reason code
        kinds: dict[str, Message] = {}  # reason code → its kind in words
        for i, o in enumerate(orders):
            reasons = review_order(
                ReviewInput(
                    paid=o.paid,
                    buyer_name=o.buyer_name,
                    phone=o.phone,
                    province=o.province,
                    city=o.city,
                    district=o.district,
                    address=o.address,
                    lines=lines.get(o.id, []),
                ),
                free,
            )
            life = OrderLifecycle(o.order_no, OrderStatus.NEW)
            stored = om.reasons_to_json(reasons)
            after: dict[str, Any] = {"exception_reasons": stored}
            if reasons:
                life.move_to(OrderStatus.EXCEPTION, reasons)
                failed.append({"oid": o.id, "new_status": life.status.value, "reasons": stored})
                for reason in reasons:
                    kinds.setdefault(reason.name, om.reason_kind(reason))
                reasons_seen.update({r.name for r in reasons})
            else:
                life.move_to(OrderStatus.REVIEWED)
                passed.append({"oid": o.id, "new_status": life.status.value, "reasons": []})
                facts = OrderFacts(o.shop, o.province, weight[o.id], o.id in fragile)
                rule = choose(table, facts) if o.carrier is None else None
                if rule is not None:
                    chosen.append({"oid": o.id, "chosen": rule[1].carrier})
                    after.update(carrier=rule[1].carrier, carrier_rule=rule[0])
            changes.append(
                audit.Change(
                    "order",
                    o.order_no,
                    {"status": OrderStatus.NEW.value},
                    {"status": life.status.value, **after},
                )
            )
            if progress and (i % step == 0):
                progress(i, total)
        for row in passed:
            row["at"] = now
        for row in failed:
            row["at"] = now
        summary.checked = total
        summary.reviewed = bulk_set_status(session, passed, OrderStatus.NEW.value)
        summary.exceptions = bulk_set_status(session, failed, OrderStatus.NEW.value)
        if chosen:
            session.connection().execute(
                update(Order)
                .where(Order.id == bindparam("oid"), Order.carrier.is_(None))
                .values(carrier=bindparam("chosen", type_=String)),
                chosen,
            )
        summary.carriers_chosen = len(chosen)
        summary.skipped = total - summary.reviewed - summary.exceptions
        if summary.skipped:
            # Cannot happen while the rows are locked; never write an audit trail that lies.
            raise DomainError(om.REVIEW_RACED())
        audit.record_many(session, actor, "order.reviewed", changes)
        uow.commit()
    summary.top_reasons = [
        ReasonCount(name, kinds[name], n) for name, n in reasons_seen.most_common(10)
    ]
    summary.seconds = time.perf_counter() - started
    if progress:
        progress(total, total)
    return summary
