"""Label desk: batches of waybills, packing slips and stock labels, previews, print history."""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, Code, code

# --- refusals ------------------------------------------------------------------------------------

UNKNOWN_KIND = code(
    "labels.unknown_kind",
    QT_TRANSLATE_NOOP(
        "Message",
        "cannot print {kind}: choose waybills, packing slips, or SKU, location or lot labels",
    ),
)
UNKNOWN_FORMAT = code(
    "labels.unknown_format",
    QT_TRANSLATE_NOOP("Message", "cannot print as {format}: choose PDF, ZPL or TSPL"),
)
SLIP_AS_PDF = code(
    "labels.slip_as_pdf",
    QT_TRANSLATE_NOOP(
        "Message", "packing slips print as PDF on the document printer, not as {format}"
    ),
)
PAPER_IS_PDF = code(
    "labels.paper_is_pdf",
    QT_TRANSLATE_NOOP(
        "Message", "the document printer prints PDF, not {format}: send it to the label printer"
    ),
)
NOTHING_CHOSEN = code(
    "labels.nothing_chosen",
    QT_TRANSLATE_NOOP(
        "Message", "nothing is chosen to print: add orders or a wave, or check the labels"
    ),
)
#: The renderer refused a document (a payload no barcode can carry, no Chinese font…);
#: {reason} is the renderer's own sentence.
RENDER_REFUSED = code(
    "labels.render_refused",
    QT_TRANSLATE_NOOP("Message", "cannot render this document: {reason}"),
)
CANNOT_SAVE = code(
    "labels.cannot_save",
    QT_TRANSLATE_NOOP("Message", "cannot write {path}: {reason}"),
)

# --- warnings ------------------------------------------------------------------------------------

#: Characters of a field no font on this computer has (printing.glyphs.unprintable): the
#: document is printed, with □ in their place.  {chars}: the characters and their code points.
CANNOT_PRINT = code(
    "labels.cannot_print",
    QT_TRANSLATE_NOOP(
        "Message",
        "{document}: characters in the {field} have no font on this computer and print as □: "
        "{chars}",
    ),
)
POOL_LOW = code(
    "labels.pool_low",
    QT_TRANSLATE_NOOP(
        "Message",
        "Only {n} {carrier} waybill numbers are left in the pool: import more before it runs out",
    ),
)

# --- what a document is (the preview's caption; its English is the print job's description
# and the document printer's job title, which are stored) ---------------------------------------

WAYBILL = code(
    "labels.waybill", QT_TRANSLATE_NOOP("Message", "waybill {tracking} {order}/{parcel}")
)
SLIP = code("labels.slip", QT_TRANSLATE_NOOP("Message", "packing slip {order}"))

#: One label of a kind, for the label printer (one print job each).
LABEL: dict[str, Code] = {
    "sku": code("labels.sku_label", QT_TRANSLATE_NOOP("Message", "SKU label {code} ×{copies}")),
    "location": code(
        "labels.location_label",
        QT_TRANSLATE_NOOP("Message", "location label {code} ×{copies}"),
    ),
    "lot": code("labels.lot_label", QT_TRANSLATE_NOOP("Message", "lot label {code} ×{copies}")),
}
LOT_OF_SKU = code(
    "labels.lot_label_of_sku", QT_TRANSLATE_NOOP("Message", "lot label {code} {sku} ×{copies}")
)

#: Labels of a kind as one PDF for the document printer.
LABELS: dict[str, Code] = {
    "sku": code("labels.sku_labels", QT_TRANSLATE_NOOP("Message", "{n} SKU label(s) ×{copies}")),
    "location": code(
        "labels.location_labels",
        QT_TRANSLATE_NOOP("Message", "{n} location label(s) ×{copies}"),
    ),
    "lot": code("labels.lot_labels", QT_TRANSLATE_NOOP("Message", "{n} lot label(s) ×{copies}")),
}
