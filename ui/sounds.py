"""Sounds for the scanning screens: a short high beep (accepted), a low double buzz (refused),
a rising chime (done).  Colour and words say the same; a sound is never the only signal.

PySide6-Essentials has no QtMultimedia, so a WAV is played by the first of these that works:
QSoundEffect (when PySide6-Addons is installed), ``paplay`` / ``aplay`` (Linux, a child process,
never waited for), ``winsound`` (Windows), else ``QApplication.beep()``.  Playing never raises
and never blocks the GUI thread.  ``Sounds.enabled = False`` silences a station; tests inject
a recording player.

The WAV files in resources/sounds are written by :func:`write_default_sounds` (run
``python -m ui.sounds`` to write them again).
"""

from __future__ import annotations

import logging
import math
import shutil
import struct
import subprocess
import sys
import wave
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

SOUNDS_DIR = Path(__file__).resolve().parent.parent / "resources" / "sounds"
ACCEPT, REFUSE, DONE = "accept", "refuse", "done"
NAMES = (ACCEPT, REFUSE, DONE)
RATE = 22_050
AMPLITUDE = 0.6

#: (frequency Hz, milliseconds) per piece; frequency 0 is silence.
TONES: dict[str, tuple[tuple[int, int], ...]] = {
    ACCEPT: ((1760, 80),),
    REFUSE: ((196, 170), (0, 60), (196, 170)),
    DONE: ((1047, 110), (1319, 110), (1568, 220)),
}
#: A square-ish buzz for the refusal (harsh on purpose), clean sines for the others.
BUZZ = {REFUSE}


def duration_ms(name: str) -> int:
    return sum(ms for _, ms in TONES[name])


def _samples(name: str) -> bytes:
    out = bytearray()
    square = name in BUZZ
    for freq, ms in TONES[name]:
        n = RATE * ms // 1000
        fade = min(n // 4, RATE * 5 // 1000)  # 5 ms in and out: no clicks
        for i in range(n):
            if freq == 0:
                value = 0.0
            else:
                s = math.sin(2 * math.pi * freq * i / RATE)
                if square:  # the first harmonics of a square wave
                    s = (s + math.sin(6 * math.pi * freq * i / RATE) / 3) * 0.75
                    s += math.sin(10 * math.pi * freq * i / RATE) / 5 * 0.75
                envelope = min(1.0, i / fade, (n - 1 - i) / fade) if fade else 1.0
                value = AMPLITUDE * s * envelope
            out += struct.pack("<h", max(-32767, min(32767, round(value * 32767))))
    return bytes(out)


def write_default_sounds(folder: Path) -> list[Path]:
    """Write accept.wav, refuse.wav and done.wav (16-bit mono PCM) into *folder*."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in NAMES:
        path = folder / f"{name}.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(_samples(name))
        written.append(path)
    return written


# --- players ---------------------------------------------------------------------------------


class SoundPlayer(Protocol):
    def play(self, name: str) -> None: ...


class BeepPlayer:
    """The last resort: the system beep (the same for every sound)."""

    def play(self, name: str) -> None:
        QApplication.beep()


class CommandPlayer:
    """``paplay FILE`` or ``aplay -q FILE`` as a child process; finished children are reaped."""

    def __init__(self, command: Sequence[str], folder: Path) -> None:
        self.command = list(command)
        self.folder = folder
        self._running: list[subprocess.Popen[bytes]] = []

    def play(self, name: str) -> None:
        self._running = [p for p in self._running if p.poll() is None]
        if len(self._running) > 4:  # a stuck sound server: do not pile up children
            return
        try:
            self._running.append(
                subprocess.Popen(
                    [*self.command, str(self.folder / f"{name}.wav")],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    close_fds=True,
                )
            )
        except OSError as exc:
            log.warning("playing %s with %s failed: %s", name, self.command[0], exc)


class WinsoundPlayer:
    def __init__(self, folder: Path) -> None:
        import winsound  # type: ignore[import-not-found,unused-ignore]

        self._winsound: Any = winsound
        self.folder = folder

    def play(self, name: str) -> None:
        ws = self._winsound
        try:
            ws.PlaySound(str(self.folder / f"{name}.wav"), ws.SND_FILENAME | ws.SND_ASYNC)
        except RuntimeError as exc:
            log.warning("playing %s failed: %s", name, exc)


class QtEffectPlayer:
    """QSoundEffect, one per sound, loaded once (PySide6-Addons only)."""

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        from PySide6 import QtMultimedia  # type: ignore[attr-defined,unused-ignore]

        self._effects: dict[str, Any] = {}
        for name in NAMES:
            effect = QtMultimedia.QSoundEffect(parent)
            effect.setSource(QUrl.fromLocalFile(str(folder / f"{name}.wav")))
            self._effects[name] = effect

    def play(self, name: str) -> None:
        effect = self._effects.get(name)
        if effect is not None:
            effect.play()


def default_player(folder: Path = SOUNDS_DIR, parent: QObject | None = None) -> SoundPlayer:
    """The first way to play a WAV that works here (never raises)."""
    app = QApplication.instance()
    platform = app.platformName() if isinstance(app, QApplication) else ""
    if platform in ("offscreen", "minimal"):  # no screen, no speaker to speak of
        return BeepPlayer()
    makers: list[Callable[[], SoundPlayer]] = [lambda: QtEffectPlayer(folder, parent)]
    if sys.platform == "win32":
        makers.append(lambda: WinsoundPlayer(folder))
    else:
        for tool, args in (("paplay", []), ("aplay", ["-q"])):
            found = shutil.which(tool)
            if found:
                makers.append(partial(CommandPlayer, [found, *args], folder))
    for make in makers:
        try:
            return make()
        except Exception as exc:  # ImportError, a missing audio backend, …
            log.debug("sound player not available: %s", exc)
    return BeepPlayer()


class Sounds:
    """What a screen calls: ``sounds.play(ACCEPT)``; ``enabled = False`` switches them off."""

    def __init__(self, player: SoundPlayer | None = None, *, enabled: bool = True) -> None:
        self._player = player
        self.enabled = enabled

    @property
    def player(self) -> SoundPlayer:
        if self._player is None:
            self._player = default_player()
        return self._player

    def play(self, name: str) -> None:
        if not self.enabled:
            return
        try:
            self.player.play(name)
        except Exception:  # a sound must never stop a scan
            log.exception("playing sound %s failed", name)


if __name__ == "__main__":  # pragma: no cover
    for written in write_default_sounds(SOUNDS_DIR):
        print(written)
