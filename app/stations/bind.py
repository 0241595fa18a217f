"""Binding tracking numbers (绑定运单号) without Qt: scan the order (or a parcel's waybill),
then the tracking number; the verdict in words.

Keys (:class:`BindKey`): F6 binds the next scan to a new parcel of the order; F9 (supervisors)
changes a parcel's number, with a reason typed first.  Esc starts over.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import DomainError
from app.domain.scans import Scan
from app.domain.users import Action
from app.messages import Message
from app.messages import stations as msg
from app.services import shipping
from app.services.shipping import BindView
from app.services.users import UserInfo
from app.stations.base import Outcome, ScanStation, UowFactory

log = logging.getLogger(__name__)

#: The refusal "this parcel has a number already": the station offers a new parcel (F6).
PARCEL_HAS_NUMBER = "ship.parcel_has_number"


class BindStep(StrEnum):
    ORDER = "order"
    TRACKING = "tracking"
    REASON = "reason"


class BindKey(StrEnum):
    NEW_PARCEL = "new_parcel"  # F6
    REBIND = "rebind"  # F9 (supervisors)


@dataclass(frozen=True)
class BindDisplay:
    step: BindStep
    view: BindView | None
    parcel_no: int
    #: the supervisor typed why the number changes: the next scan replaces it
    rebinding: bool


BindOutcome = Outcome[BindDisplay]


class BindStation(ScanStation[BindDisplay, BindKey]):
    def __init__(self, uow: UowFactory, user: UserInfo) -> None:
        super().__init__(uow)
        self.user = user
        self.step = BindStep.ORDER
        self.view: BindView | None = None
        self.parcel_no = 1
        self.rebind_reason: str | None = None
        #: the order whose parcel got a number with the last accepted scan
        self.bound: str | None = None

    def display(self) -> BindDisplay:
        return BindDisplay(self.step, self.view, self.parcel_no, self.rebind_reason is not None)

    def expects_text(self) -> bool:
        return self.step is BindStep.REASON

    def reset(self) -> None:
        self.step = BindStep.ORDER
        self.view = None
        self.rebind_reason = None

    def _escape(self) -> BindOutcome:
        self.reset()
        return self.quiet()

    def _text(self, text: str) -> BindOutcome:
        self.rebind_reason = text
        self.step = BindStep.TRACKING
        return self.quiet()

    def _scan(self, scan: Scan) -> BindOutcome:
        if self.step is BindStep.REASON:
            return self.refuse(msg.TYPE_REASON_FIRST())  # a scan is not a reason
        if self.step is BindStep.ORDER or self.view is None:
            return self._open(scan.value)
        return self._bind(scan.value)

    def _open(self, code: str) -> BindOutcome:
        view = shipping.binding_view(self.uow(), code)
        if view is None:
            return self.refuse(msg.NOT_ORDER_OR_TRACKING(code=code))
        self.view = view
        self.parcel_no = view.next_parcel
        self.step = BindStep.TRACKING
        if view.found_by_tracking:
            owner = next(p for p in view.parcels if p.tracking_no == view.found_by_tracking)
            return self.info(
                msg.FOUND_BY_TRACKING(
                    number=view.found_by_tracking, order=view.order_no, n=owner.parcel_no
                )
            )
        return self.outcome(None, None)

    def _bind(self, number: str) -> BindOutcome:
        view = self.view
        assert view is not None
        carrier = view.carrier
        if not carrier:
            fits = shipping.carrier_for(self.uow(), number)
            if len(fits) != 1:
                return self.refuse(
                    msg.CARRIER_UNCLEAR(
                        order=view.order_no,
                        fits=", ".join(fits) if fits else msg.NO_CARRIER_FITS(),
                    )
                )
            carrier = fits[0]
        try:
            result = shipping.bind(
                self.uow(),
                self.user.actor,
                view.order_no,
                number,
                carrier=carrier,
                parcel_no=self.parcel_no,
                shop=view.shop,
                rebind_reason=self.rebind_reason,
            )
        except DomainError as exc:
            refusal: Message = exc.message
            if refusal.name == PARCEL_HAS_NUMBER:
                refusal = msg.NEW_PARCEL_HINT(refusal=refusal)
            return self.refuse(refusal)
        if not result.changed:
            said = msg.ALREADY_BOUND(
                number=result.tracking_no, order=result.order_no, n=result.parcel_no
            )
        elif result.previous:
            said = msg.REBOUND(
                number=result.tracking_no,
                order=result.order_no,
                n=result.parcel_no,
                old=result.previous,
            )
        else:
            said = msg.BOUND(number=result.tracking_no, order=result.order_no, n=result.parcel_no)
        log.info("bound %s to %s/%s", result.tracking_no, result.order_no, result.parcel_no)
        self.reset()
        self.bound = result.order_no
        return self.ok(said)

    def _key(self, action: BindKey) -> BindOutcome:
        view = self.view
        if view is None:
            return self.quiet()
        if action is BindKey.NEW_PARCEL:
            self.parcel_no = len(view.parcels) + 1
            self.step = BindStep.TRACKING
            return self.quiet()
        if not self.user.actor.may(Action.REBIND_TRACKING):
            return self.refuse(msg.REBIND_IS_SUPERVISORS())
        bound = [p for p in view.parcels if p.tracking_no]
        if not bound:
            return self.refuse(msg.NOTHING_BOUND_YET())
        if self.parcel_no > len(view.parcels):
            self.parcel_no = bound[0].parcel_no
        self.step = BindStep.REASON
        return self.quiet()
