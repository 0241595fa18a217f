"""Simulated devices for the demo and the tests: they speak the real protocols (a scale over a
pty, a label printer on a TCP port of 127.0.0.1)."""

from devices.sim.printer import SimulatedNetworkPrinter
from devices.sim.scale import SimulatedScale

__all__ = ["SimulatedNetworkPrinter", "SimulatedScale"]
