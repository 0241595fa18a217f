"""SerialScale against SimulatedScale over a real pseudo-terminal, for every protocol."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator

import pytest

from devices.errors import DeviceError, DeviceNotFound, DeviceTimeout
from devices.scales import ScaleProtocol, SerialScale, StableWeightDetector
from devices.sim import SimulatedScale

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the simulator needs a pty")

PROTOCOLS: list[ScaleProtocol] = ["mt-sics", "continuous", "cas"]
TIMEOUT = 0.3


@pytest.fixture(params=PROTOCOLS)
def sim(request: pytest.FixtureRequest) -> Iterator[SimulatedScale]:
    simulator = SimulatedScale(request.param, grams=1234.0)
    yield simulator
    simulator.stop()
    assert not simulator.running


@pytest.fixture
def scale(sim: SimulatedScale) -> Iterator[SerialScale]:
    with SerialScale(sim.port, sim.protocol, timeout=TIMEOUT) as serial_scale:
        yield serial_scale


def test_stable_weight(sim: SimulatedScale, scale: SerialScale) -> None:
    reading = scale.read_weight()
    assert reading.grams == pytest.approx(1234.0)
    assert reading.stable and not reading.overload
    sim.put(56.5)
    assert scale.read_weight().grams == pytest.approx(56.5, abs=0.5)  # CAS frames carry 1 g


def test_unstable_is_not_stable(sim: SimulatedScale, scale: SerialScale) -> None:
    sim.set_unstable(True)
    reading = scale.read_weight()
    assert not reading.stable
    assert reading.grams == pytest.approx(1234.0)
    sim.set_unstable(False)
    assert scale.read_weight().stable


def test_overload(sim: SimulatedScale, scale: SerialScale) -> None:
    sim.set_overload(True)
    reading = scale.read_weight()
    assert reading.overload and not reading.stable


def test_silent_scale_times_out(sim: SimulatedScale, scale: SerialScale) -> None:
    sim.set_silent(True)
    started = time.monotonic()
    with pytest.raises(DeviceTimeout, match=f"on {sim.port} did not answer within 0.3 s"):
        scale.read_weight()
    assert time.monotonic() - started < TIMEOUT + 0.5
    sim.set_silent(False)
    assert scale.read_weight().stable  # comes back once the scale talks again


def test_stopped_simulator_gives_device_timeout(sim: SimulatedScale, scale: SerialScale) -> None:
    scale.read_weight()
    sim.stop()
    with pytest.raises(DeviceTimeout):
        scale.read_weight()


def test_detector_settles_on_a_live_scale(sim: SimulatedScale, scale: SerialScale) -> None:
    detector = StableWeightDetector(n=3, tolerance_g=2.0)
    sim.put(800.0)
    weight = None
    for _ in range(10):
        weight = detector.feed(scale.read_weight())
        if weight is not None:
            break
    assert weight == pytest.approx(800.0)


def test_mt_sics_answer_that_is_no_weight_becomes_a_device_error() -> None:
    # pyserial's loop:// hands our own "SI" command back as the answer.
    with (
        SerialScale("loop://", "mt-sics", timeout=TIMEOUT) as scale,
        pytest.raises(DeviceError, match="not an MT-SICS weight") as raised,
    ):
        scale.read_weight()
    assert not isinstance(raised.value, DeviceTimeout)


def test_wrong_protocol_says_the_format_is_unreadable() -> None:
    with (
        SimulatedScale("continuous") as sim,
        SerialScale(sim.port, "cas", timeout=TIMEOUT) as scale,
        pytest.raises(DeviceError, match="cannot read") as raised,
    ):
        scale.read_weight()
    assert not isinstance(raised.value, DeviceTimeout)


def test_nonexistent_port_is_device_not_found() -> None:
    scale = SerialScale("/dev/packdesk-no-such-scale", "mt-sics", timeout=TIMEOUT)
    with pytest.raises(DeviceNotFound, match="/dev/packdesk-no-such-scale could not be opened"):
        scale.read_weight()


def test_simulator_leaves_no_thread_behind() -> None:
    before = threading.active_count()
    for protocol in PROTOCOLS:
        simulator = SimulatedScale(protocol)
        simulator.stop()
        simulator.stop()  # idempotent
        assert not simulator.running
    assert threading.active_count() == before
