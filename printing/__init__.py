"""printing: pure renderers, data to bytes (PDF, ZPL, TSPL). No I/O."""
