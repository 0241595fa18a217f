"""Files the services write for a person (labels, manifests): whole or not at all."""

from __future__ import annotations

from pathlib import Path

from app.domain.errors import InvalidInput
from app.messages import labels as labels_m
from app.services import tabular


def write_whole(path: Path, data: bytes) -> None:
    """*data* at *path*, never a half-written file under that name (InvalidInput in words)."""
    try:
        tabular.write_whole(path, lambda temp: temp.write_bytes(data), make_folder=False)
    except OSError as exc:
        raise InvalidInput(
            labels_m.CANNOT_SAVE(path=str(path), reason=exc.strerror or str(exc))
        ) from exc
