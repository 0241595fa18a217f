"""The label desk's use case: waybills, packing slips and SKU / location / lot labels rendered in
batches — previewed (page 1 as it prints, from the very bytes that print), printed as PDFs on
the document printer, saved as one file, or handed back as one label-printer job each (the
device hub stores and sends them).

Every document is read as it is now, in one reading unit of work of its own (a waybill may take
a number from the carrier's pool first, as e-waybill printing does), then rendered by the
:class:`~app.services.rendering.DocumentRenderer`.  A document the services or the renderer
refuse is listed in ``refused`` with the reason as a message; the rest are rendered, and nothing is
printed or saved while any is refused.  No Qt here: the label desk runs these functions in its
worker thread and reports ``progress(done, total)``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.db.uow import UnitOfWork
from app.domain.errors import DomainError, InvalidInput
from app.domain.users import Action, Actor
from app.messages import Message
from app.messages import labels as labels_m
from app.services import documents
from app.services.documents import StockLabelData
from app.services.files import write_whole
from app.services.rendering import DocumentRenderer, Picture

if TYPE_CHECKING:
    from app.devices import DocumentPrinterPort

log = logging.getLogger(__name__)

WAYBILL, SLIP, SKU, LOCATION, LOT = "waybill", "slip", "sku", "location", "lot"
KINDS = (WAYBILL, SLIP, SKU, LOCATION, LOT)
ORDER_KINDS = (WAYBILL, SLIP)
FORMATS = ("pdf", "zpl", "tspl")
#: Warn when a carrier's pool has fewer free waybill numbers than this.
POOL_WARNING = 100

Progress = Callable[[int, int], None]
UowFactory = Callable[[], UnitOfWork]


@dataclass(frozen=True)
class LabelRequest:
    """What the label staff chose: a kind, a format (pdf, zpl, tspl), a size, and the orders
    (waybills, packing slips) or the labels (SKU, location, lot) to print."""

    kind: str
    fmt: str
    size: str
    copies: int = 1  # of each stock label
    orders: tuple[str, ...] = ()
    items: tuple[StockLabelData, ...] = ()
    dpi: int = 203  # the label printer's

    @property
    def count(self) -> int:
        """How many orders or labels are chosen."""
        return len(self.orders) if self.kind in ORDER_KINDS else len(self.items)


@dataclass(frozen=True)
class LabelDocument:
    """One rendered document: a PDF for the document printer, or one label printer job."""

    ref: str  # the order number, or the label's code
    what: Message  # what it is, for the preview's caption
    payload: bytes
    tracking_no: str = ""
    carrier: str = ""
    pool_left: int | None = None  # free numbers left in the carrier's pool, when one was taken
    cannot_print: tuple[Message, ...] = ()  # fields with characters no font has (print as □)

    @property
    def description(self) -> str:
        """What the print job and the document printer's job title say (stored: English)."""
        return self.what.english()


@dataclass(frozen=True)
class Refusal:
    ref: str  # the order number, or the labels' codes
    message: Message


@dataclass(frozen=True)
class LabelBatch:
    request: LabelRequest
    documents: tuple[LabelDocument, ...] = ()
    refused: tuple[Refusal, ...] = ()
    picture: Picture | None = None  # preview: page 1 of the first document
    saved_to: Path | None = None
    printed: tuple[str | None, ...] = ()  # the document printer's job ids

    @property
    def ok(self) -> bool:
        """Every document rendered (and there is one at least)."""
        return bool(self.documents) and not self.refused

    def warnings(self) -> list[Message]:
        """Characters no font has (they print as □), by document and field; then a carrier's
        pool running low after numbers were taken: fewest left, by carrier."""
        low: dict[str, int] = {}
        for doc in self.documents:
            if doc.pool_left is not None and doc.pool_left < POOL_WARNING:
                low[doc.carrier] = min(doc.pool_left, low.get(doc.carrier, doc.pool_left))
        said = [warning for doc in self.documents for warning in doc.cannot_print]
        return said + [
            labels_m.POOL_LOW(n=n, carrier=carrier) for carrier, n in sorted(low.items())
        ]


def item_key(item: StockLabelData) -> tuple[str, str, str]:
    """One stock label: a lot code may be on several SKUs, one label each."""
    return (item.kind, item.code, item.sku or "")


def check_request(request: LabelRequest) -> None:
    """InvalidInput unless the request names a kind and a format the desk prints, and
    something to print."""
    if request.kind not in KINDS:
        raise InvalidInput(labels_m.UNKNOWN_KIND(kind=request.kind))
    if request.fmt not in FORMATS:
        raise InvalidInput(labels_m.UNKNOWN_FORMAT(format=request.fmt))
    if request.kind == SLIP and request.fmt != "pdf":
        raise InvalidInput(labels_m.SLIP_AS_PDF(format=request.fmt.upper()))
    if not request.count:
        raise InvalidInput(labels_m.NOTHING_CHOSEN())


def _no_progress(_done: int, _total: int) -> None:
    pass


def render_batch(
    uow: UowFactory,
    actor: Actor,
    request: LabelRequest,
    renderer: DocumentRenderer,
    progress: Progress | None = None,
    *,
    limit: int | None = None,
) -> LabelBatch:
    """Render the request's documents (the first ``limit`` only, one copy, for a preview):
    one PDF per order, one label printer job per stock label, or the stock labels as one PDF."""
    actor.require(Action.PRINT_DOCUMENTS)
    check_request(request)
    report = progress or _no_progress
    if request.kind in ORDER_KINDS:
        return _render_orders(uow, actor, request, renderer, report, limit)
    return _render_stock_labels(uow, actor, request, renderer, report, limit)


def _refusal(ref: str, exc: Exception) -> Refusal:
    if isinstance(exc, DomainError):
        return Refusal(ref, exc.message)
    return Refusal(ref, labels_m.RENDER_REFUSED(reason=str(exc) or type(exc).__name__))


def _render_orders(
    uow: UowFactory,
    actor: Actor,
    request: LabelRequest,
    renderer: DocumentRenderer,
    report: Progress,
    limit: int | None,
) -> LabelBatch:
    orders = request.orders[:limit] if limit else request.orders
    rendered: list[LabelDocument] = []
    refused: list[Refusal] = []
    for i, order_no in enumerate(orders):
        report(i, len(orders))
        try:
            rendered.append(_order_document(uow, actor, request, renderer, order_no))
        except (DomainError, ValueError) as exc:
            log.info("%s for %s refused: %s", request.kind, order_no, exc)
            refused.append(_refusal(order_no, exc))
    report(len(orders), len(orders))
    return LabelBatch(request, tuple(rendered), tuple(refused))


def _order_document(
    uow: UowFactory,
    actor: Actor,
    request: LabelRequest,
    renderer: DocumentRenderer,
    order_no: str,
) -> LabelDocument:
    if request.kind == WAYBILL:
        data = documents.waybill_data(uow(), actor, order_no)
        payload = renderer.render_waybill(data, request.fmt, request.size, request.dpi)
        what = labels_m.WAYBILL(
            tracking=data.tracking_no, order=data.order_no, parcel=data.parcel_no
        )
        return LabelDocument(
            data.order_no,
            what,
            payload,
            tracking_no=data.tracking_no,
            carrier=data.carrier_code,
            pool_left=data.pool_left,
            cannot_print=documents.cannot_print(what, data, renderer.unprintable),
        )
    slip = documents.slip_data(uow(), actor, order_no)
    payload = renderer.render_packing_slip(slip, request.size)
    what = labels_m.SLIP(order=slip.order_no)
    return LabelDocument(
        slip.order_no,
        what,
        payload,
        tracking_no=slip.tracking_no,
        cannot_print=documents.cannot_print(what, slip, renderer.unprintable),
    )


def _render_stock_labels(
    uow: UowFactory,
    actor: Actor,
    request: LabelRequest,
    renderer: DocumentRenderer,
    report: Progress,
    limit: int | None,
) -> LabelBatch:
    items = list(request.items[:limit] if limit else request.items)
    copies = 1 if limit else request.copies
    report(0, len(items))
    try:
        chosen = fresh_items(uow, actor, request.kind, items)
    except DomainError as exc:
        return LabelBatch(request, refused=(Refusal(_codes(items), exc.message),))
    if request.fmt == "pdf":  # one PDF, a page per label and copy
        try:
            payload = renderer.render_stock_labels(chosen, copies, "pdf", request.size)
        except ValueError as exc:
            return LabelBatch(request, refused=(_refusal(_codes(chosen), exc),))
        report(len(items), len(items))
        what = labels_m.LABELS[request.kind](n=len(chosen), copies=copies)
        warnings = tuple(
            warning
            for item in chosen
            for warning in documents.cannot_print(
                label_what(item, copies), item, renderer.unprintable
            )
        )
        document = LabelDocument(chosen[0].code, what, payload, cannot_print=warnings)
        return LabelBatch(request, (document,))
    rendered: list[LabelDocument] = []
    refused: list[Refusal] = []
    for i, item in enumerate(chosen):  # one print job per label (each reprintable)
        report(i, len(chosen))
        try:
            payload = renderer.render_stock_labels(
                [item], copies, request.fmt, request.size, request.dpi
            )
        except ValueError as exc:
            refused.append(_refusal(item.code, exc))
            continue
        what = label_what(item, copies)
        warnings = documents.cannot_print(what, item, renderer.unprintable)
        rendered.append(LabelDocument(item.code, what, payload, cannot_print=warnings))
    report(len(chosen), len(chosen))
    return LabelBatch(request, tuple(rendered), tuple(refused))


def _codes(items: Sequence[StockLabelData]) -> str:
    return ", ".join(dict.fromkeys(i.code for i in items))


def label_what(item: StockLabelData, copies: int) -> Message:
    """What one stock label job is ("SKU label A-1 ×2"): its print job's description."""
    if item.kind == LOT and item.sku:
        return labels_m.LOT_OF_SKU(code=item.code, sku=item.sku, copies=copies)
    return labels_m.LABEL[item.kind](code=item.code, copies=copies)


def fresh_items(
    uow: UowFactory, actor: Actor, kind: str, items: Sequence[StockLabelData]
) -> list[StockLabelData]:
    """The chosen labels read again (as they are now, in one reading unit of work), in the
    chosen order."""
    codes = list(dict.fromkeys(i.code for i in items))
    fresh = documents.stock_labels_data(uow(), actor, kind, codes)
    by_key = {item_key(f): f for f in fresh}
    return [by_key.get(item_key(i), i) for i in items]


# --- what the desk does with a batch -------------------------------------------------------------


def preview(
    uow: UowFactory,
    actor: Actor,
    request: LabelRequest,
    renderer: DocumentRenderer,
    progress: Progress | None = None,
) -> LabelBatch:
    """The first document rendered, and its page 1 as it will print."""
    batch = render_batch(uow, actor, request, renderer, progress, limit=1)
    if not batch.ok:
        return batch
    first = batch.documents[0]
    try:
        picture = renderer.preview(first.payload, request.fmt, request.dpi)
    except ValueError as exc:
        log.warning("no preview of %s: %s", first.description, exc)
        return replace(batch, refused=(_refusal(first.ref, exc),))
    return replace(batch, picture=picture)


def print_on_paper(
    uow: UowFactory,
    actor: Actor,
    request: LabelRequest,
    renderer: DocumentRenderer,
    printer: DocumentPrinterPort,
    progress: Progress | None = None,
) -> LabelBatch:
    """Every document as a PDF on the document printer (one job each), unless one is refused."""
    if request.fmt != "pdf":
        raise InvalidInput(labels_m.PAPER_IS_PDF(format=request.fmt.upper()))
    batch = render_batch(uow, actor, request, renderer, progress)
    if not batch.ok:
        return batch
    jobs = tuple(printer.print_pdf(doc.payload, doc.description) for doc in batch.documents)
    log.info("%s printed %d document(s) on %s", actor.name, len(jobs), printer.name)
    return replace(batch, printed=jobs)


def save(
    uow: UowFactory,
    actor: Actor,
    request: LabelRequest,
    renderer: DocumentRenderer,
    path: Path,
    progress: Progress | None = None,
) -> LabelBatch:
    """Every document in one file at *path* (never a half-written file under that name),
    unless one is refused."""
    batch = render_batch(uow, actor, request, renderer, progress)
    if not batch.ok:
        return batch
    write_whole(path, renderer.join([doc.payload for doc in batch.documents], request.fmt))
    return replace(batch, saved_to=path)
