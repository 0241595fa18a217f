"""Devices: printers, scales and scanners, said in words a person can act on.

The adapters in ``devices/`` raise :class:`devices.errors.DeviceError` with one of these codes;
the station's status bar, the print queue and the command line render it in the reader's
language.  A device is named by a word (:func:`device_word`); where it is ("COM3",
"192.168.1.50:9100") stays as the adapter wrote it, except a CUPS queue (:data:`CUPS_QUEUE`).
"""

from __future__ import annotations

from app.messages import QT_TRANSLATE_NOOP, Code, Message, code

# --- words ------------------------------------------------------------------------------------

DEVICE: dict[str, Code] = {
    "label printer": code("device.label_printer", QT_TRANSLATE_NOOP("Message", "label printer")),
    "document printer": code(
        "device.document_printer", QT_TRANSLATE_NOOP("Message", "document printer")
    ),
    "scale": code("device.scale", QT_TRANSLATE_NOOP("Message", "scale")),
    "scanner": code("device.scanner", QT_TRANSLATE_NOOP("Message", "scanner")),
}

CUPS_QUEUE = code("device.cups_queue", QT_TRANSLATE_NOOP("Message", "CUPS queue {queue}"))

#: What a label printer reports when it cannot print (printing.zpl / printing.tspl words).
PRINTER_REASON: dict[str, Code] = {
    "paper out": code("device.reason.paper_out", QT_TRANSLATE_NOOP("Message", "paper out")),
    "ribbon out": code("device.reason.ribbon_out", QT_TRANSLATE_NOOP("Message", "ribbon out")),
    "head open": code("device.reason.head_open", QT_TRANSLATE_NOOP("Message", "head open")),
    "paused": code("device.reason.paused", QT_TRANSLATE_NOOP("Message", "paused")),
    "no answer": code("device.reason.no_answer", QT_TRANSLATE_NOOP("Message", "no answer")),
    "busy": code("device.reason.busy", QT_TRANSLATE_NOOP("Message", "busy")),
    "not ready": code("device.reason.not_ready", QT_TRANSLATE_NOOP("Message", "not ready")),
    "unreadable status answer": code(
        "device.reason.unreadable", QT_TRANSLATE_NOOP("Message", "unreadable status answer")
    ),
}
#: A reason the table above does not know, as the printer said it.
OTHER_REASON = code("device.reason.other", QT_TRANSLATE_NOOP("Message", "printer says {reason}"))

#: What to do about a reason (the sentence goes on ", then print again.").
PRINTER_ADVICE: dict[str, Code] = {
    "paper out": code(
        "device.advice.paper_out", QT_TRANSLATE_NOOP("Message", "Load a new roll of labels")
    ),
    "ribbon out": code(
        "device.advice.ribbon_out", QT_TRANSLATE_NOOP("Message", "Fit a new ribbon")
    ),
    "head open": code(
        "device.advice.head_open", QT_TRANSLATE_NOOP("Message", "Close the print head")
    ),
    "paused": code(
        "device.advice.paused", QT_TRANSLATE_NOOP("Message", "Press its pause button to resume")
    ),
    "busy": code("device.advice.busy", QT_TRANSLATE_NOOP("Message", "Wait until it has finished")),
}
ADVICE_DISPLAY = code(
    "device.advice.display", QT_TRANSLATE_NOOP("Message", "Check the printer's display")
)


def device_word(device: object) -> Message | str:
    """A device ("label printer", "scale", …) as a word in a message; another name as it is."""
    entry = DEVICE.get(str(device))
    return entry() if entry is not None else str(device)


def printer_reason(reason: str) -> Message:
    """One reason a printer gave ("paper out") in words."""
    entry = PRINTER_REASON.get(reason.strip().lower())
    return entry() if entry is not None else OTHER_REASON(reason=reason.strip())


def printer_reasons(reasons: str) -> tuple[Message, ...]:
    """Reasons as the adapters join them ("paper out, head open"), each in words."""
    said = tuple(printer_reason(part) for part in reasons.split(",") if part.strip())
    return said or (PRINTER_REASON["not ready"](),)


def printer_advice(reason: str) -> Message:
    entry = PRINTER_ADVICE.get(reason.strip().lower())
    return entry() if entry is not None else ADVICE_DISPLAY()


# --- failures of any device -------------------------------------------------------------------

NOT_FOUND = code(
    "device.not_found",
    QT_TRANSLATE_NOOP(
        "Message",
        "The {device} on {port} could not be opened. Check that it is plugged in and switched "
        "on, and that Settings names the right port.",
    ),
)
TIMEOUT = code(
    "device.timeout",
    QT_TRANSLATE_NOOP(
        "Message",
        "The {device} on {port} did not answer within {seconds} s. Check its cable and that it "
        "is switched on.",
    ),
)

# --- label printers ---------------------------------------------------------------------------

NOT_READY = code(
    "device.printer_not_ready",
    QT_TRANSLATE_NOOP(
        "Message", "The {device} on {port} cannot print: {reason}. {advice}, then print again."
    ),
)
NOT_READY_NO_PORT = code(
    "device.printer_not_ready_here",
    QT_TRANSLATE_NOOP(
        "Message", "The {device} cannot print: {reason}. {advice}, then print again."
    ),
)
NO_ANSWER = code(
    "device.printer_no_answer",
    QT_TRANSLATE_NOOP(
        "Message",
        "The {device} on {port} does not answer. Check its cable and that it is switched on, "
        "then print again.",
    ),
)
NO_ANSWER_NO_PORT = code(
    "device.printer_no_answer_here",
    QT_TRANSLATE_NOOP(
        "Message",
        "The {device} does not answer. Check its cable and that it is switched on, then print "
        "again.",
    ),
)
CONNECTION_LOST = code(
    "device.connection_lost",
    QT_TRANSLATE_NOOP(
        "Message",
        "The {device} on {port} dropped the connection; the label may not have printed. Check "
        "the printer and print again.",
    ),
)
WRITE_ONLY = code(
    "device.write_only",
    QT_TRANSLATE_NOOP(
        "Message", "The {device} on {port} is write-only: its status cannot be read back."
    ),
)
CUPS_NO_STATUS = code(
    "device.cups_no_status",
    QT_TRANSLATE_NOOP("Message", "The {device} on {port} cannot report its status through CUPS."),
)
CUPS_NOT_INSTALLED = code(
    "device.cups_not_installed",
    QT_TRANSLATE_NOOP(
        "Message",
        "The {device} on {port} cannot be used because the CUPS program '{program}' is not "
        "installed on this computer. Ask your administrator to install the cups-client "
        "package, then print again.",
    ),
)
CUPS_REFUSED = code(
    "device.cups_refused",
    QT_TRANSLATE_NOOP(
        "Message",
        "CUPS did not accept the job for the {device} on {port} ({detail}). Check that "
        "Settings names the right queue and that the printer is enabled in CUPS, then print "
        "again.",
    ),
)
LP_EXIT_STATUS = code(
    "device.lp_exit_status", QT_TRANSLATE_NOOP("Message", "lp exited with status {status}")
)
NOT_A_PDF = code(
    "device.not_a_pdf",
    QT_TRANSLATE_NOOP(
        "Message",
        "Nothing was sent to the {device} on {port} because the document is not a PDF. Create "
        "the document again and print it; if this keeps happening, tell your supervisor.",
    ),
)
WRONG_LANGUAGE = code(
    "device.wrong_language",
    QT_TRANSLATE_NOOP(
        "Message",
        "Print job #{job} is {language} but the {device} speaks {printer_language}. Choose the "
        "right printer in Settings and print again.",
    ),
)

# --- settings that cannot work (a station's slot problem) -------------------------------------

NO_ADDRESS = code("device.no_address", QT_TRANSLATE_NOOP("Message", "no address is set"))
NOT_HOST_PORT = code(
    "device.not_host_port",
    QT_TRANSLATE_NOOP("Message", "'{address}' is not host:port (port 1 to 65535)"),
)
NOT_A_QUEUE = code(
    "device.not_a_queue", QT_TRANSLATE_NOOP("Message", "'{queue}' is not a CUPS queue name")
)
NOT_AN_OPTION = code(
    "device.not_an_option",
    QT_TRANSLATE_NOOP("Message", "'{option}' cannot be passed to CUPS as one job option"),
)
PRINTER_SETTING_UNUSABLE = code(
    "device.printer_setting",
    QT_TRANSLATE_NOOP(
        "Message", "The label printer setting is not usable: {why}. Fix it in Settings."
    ),
)
DOCUMENT_SETTING_UNUSABLE = code(
    "device.document_setting",
    QT_TRANSLATE_NOOP(
        "Message", "The document printer setting is not usable: {why}. Fix it in Settings."
    ),
)
NO_DOCUMENT_QUEUE = code(
    "device.no_document_queue",
    QT_TRANSLATE_NOOP("Message", "No CUPS queue is set for documents. Choose one in Settings."),
)
NO_SCALE_PORT = code(
    "device.no_scale_port",
    QT_TRANSLATE_NOOP("Message", "No serial port is set for the scale. Choose one in Settings."),
)
NO_SCANNER_PORT = code(
    "device.no_scanner_port",
    QT_TRANSLATE_NOOP("Message", "No serial port is set for the scanner. Choose one in Settings."),
)
SIMULATOR_FAILED = code(
    "device.simulator_failed",
    QT_TRANSLATE_NOOP("Message", "The simulated {device} cannot start here: {why}."),
)
NO_LABEL_PRINTER = code(
    "device.no_label_printer",
    QT_TRANSLATE_NOOP("Message", "No label printer is set up. Choose one in Settings."),
)

# --- the print queue --------------------------------------------------------------------------

JOB_GAVE_UP = code(
    "print.gave_up",
    QT_TRANSLATE_NOOP(
        "Message",
        "Print job #{job} ({what}) failed {attempts} times and was not tried again: {reason}",
    ),
)
UNKNOWN_ERROR = code("print.unknown_error", QT_TRANSLATE_NOOP("Message", "unknown error"))
JOB_KEPT = code(
    "print.kept",
    QT_TRANSLATE_NOOP(
        "Message",
        "Label not printed (kept in the queue, it prints once the printer is fixed): {reason}",
    ),
)
TEST_LABEL_KEPT = code(
    "print.test_label_kept",
    QT_TRANSLATE_NOOP(
        "Message", "test label not printed, kept as job #{job} for a retry: {reason}"
    ),
)
NOT_SENT = code("print.not_sent", QT_TRANSLATE_NOOP("Message", "not sent"))
#: What the operating system or a driver said about a device failure (the command line).
SYSTEM_SAID = code("device.system_said", QT_TRANSLATE_NOOP("Message", "the system said: {detail}"))
NO_LABEL_PRINTER_CLI = code(
    "device.no_label_printer_cli",
    QT_TRANSLATE_NOOP("Message", "{reason} (Settings → Devices in the app)"),
)
NO_LABEL_PRINTER_SET = code(
    "device.no_label_printer_set", QT_TRANSLATE_NOOP("Message", "no label printer is set up")
)

# --- scales -----------------------------------------------------------------------------------

SCALE_UNREADABLE = code(
    "scale.unreadable",
    QT_TRANSLATE_NOOP(
        "Message",
        "The scale on {port} sends data Packdesk cannot read: {why} Check the scale's output "
        "format in Settings.",
    ),
)
SCALE_TOO_LONG = code(
    "scale.too_long",
    QT_TRANSLATE_NOOP("Message", "The scale sent a line far too long to be a weight."),
)
SCALE_NOT_TEXT = code(
    "scale.not_text", QT_TRANSLATE_NOOP("Message", "The scale sent bytes that are not text.")
)
SCALE_UNIT = code(
    "scale.unit",
    QT_TRANSLATE_NOOP("Message", "The scale sends weights in an unknown unit '{unit}'."),
)
SCALE_NOT_NUMBER = code(
    "scale.not_number",
    QT_TRANSLATE_NOOP("Message", "The scale sent '{text}', which is not a number."),
)
SCALE_TOO_HEAVY = code(
    "scale.too_heavy",
    QT_TRANSLATE_NOOP("Message", "The scale sent a weight too large to be real."),
)
SCALE_EMPTY = code("scale.empty", QT_TRANSLATE_NOOP("Message", "The scale sent an empty line."))
SCALE_BUSY = code(
    "scale.busy",
    QT_TRANSLATE_NOOP(
        "Message",
        "The scale is busy (still settling or running another command). Weigh again.",
    ),
)
SCALE_UNDERLOAD = code(
    "scale.underload",
    QT_TRANSLATE_NOOP(
        "Message",
        "The scale reads less than zero (underload). Empty the pan and zero the scale.",
    ),
)
SCALE_ES = code(
    "scale.es",
    QT_TRANSLATE_NOOP(
        "Message",
        "The scale did not understand the command (ES). Check the protocol in Settings.",
    ),
)
SCALE_ET = code(
    "scale.et",
    QT_TRANSLATE_NOOP(
        "Message",
        "The scale reported a transmission error (ET). Check the cable and the baud rate.",
    ),
)
SCALE_EL = code(
    "scale.el",
    QT_TRANSLATE_NOOP(
        "Message", "The scale reported a logical error (EL). Check the protocol in Settings."
    ),
)
SCALE_NOT_MT_SICS = code(
    "scale.not_mt_sics",
    QT_TRANSLATE_NOOP("Message", "The scale sent '{text}', which is not an MT-SICS weight."),
)
SCALE_NOT_CONTINUOUS = code(
    "scale.not_continuous",
    QT_TRANSLATE_NOOP(
        "Message", "The scale sent '{text}', which is not a weight line like 'ST,GS,+1.234kg'."
    ),
)
SCALE_CAS_LENGTH = code(
    "scale.cas_length",
    QT_TRANSLATE_NOOP("Message", "The scale sent {count} bytes; a CAS frame has 22."),
)
SCALE_CAS_COMMAS = code(
    "scale.cas_commas",
    QT_TRANSLATE_NOOP("Message", "The scale sent a frame without the commas of the CAS format."),
)
SCALE_CAS_STATE = code(
    "scale.cas_state",
    QT_TRANSLATE_NOOP("Message", "The scale sent state '{state}'; a CAS frame has ST, US or OL."),
)
SCALE_CAS_KIND = code(
    "scale.cas_kind",
    QT_TRANSLATE_NOOP(
        "Message", "The scale sent '{kind}'; a CAS frame has GS (gross) or NT (net)."
    ),
)
SCALE_CAS_BLANK = code(
    "scale.cas_blank",
    QT_TRANSLATE_NOOP("Message", "The scale sent a CAS frame without the blank before the unit."),
)
SCALE_NOT_WEIGHT = code(
    "scale.not_weight",
    QT_TRANSLATE_NOOP("Message", "The scale sent '{text}', which is not a weight."),
)

# --- serial scanners --------------------------------------------------------------------------

SCAN_TOO_LONG = code(
    "scanner.too_long",
    QT_TRANSLATE_NOOP(
        "Message",
        "The scanner on {port} sent {count} bytes or more without a line end, which is not a "
        "barcode; they were ignored. Check the scanner's baud rate and that its suffix is set "
        "to CR or LF.",
    ),
)
SCAN_NOT_TEXT = code(
    "scanner.not_text",
    QT_TRANSLATE_NOOP(
        "Message",
        "The scanner on {port} sent bytes that are not text (invalid UTF-8); the scan was "
        "ignored. Check the scanner's interface setting (USB-COM, UTF-8) and scan again.",
    ),
)
SCANNER_RETRYING = code(
    "scanner.retrying",
    QT_TRANSLATE_NOOP("Message", "{problem} Packdesk keeps trying and reconnects by itself."),
)
SCANNER_GONE = code(
    "scanner.gone",
    QT_TRANSLATE_NOOP(
        "Message",
        "The scanner on {port} was disconnected. Check that it is plugged in and switched on; "
        "Packdesk reconnects by itself when it is back.",
    ),
)
