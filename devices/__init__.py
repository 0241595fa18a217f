"""devices: scanners, label printers, scales, transports and simulators."""
