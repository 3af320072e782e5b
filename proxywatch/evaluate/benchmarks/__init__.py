"""Public event-extraction benchmarks converted to the record contract's gold format.

``DATASETS`` maps a name to its :class:`Dataset`; ``load_gold(name, split, data_dir)`` converts one
split. ``data_dir`` is the benchmarks folder (``shared/benchmarks``) or the dataset's own folder.
Test splits are for reporting only (see the benchmarks README).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from proxywatch.evaluate.benchmarks import case2021, m2e2, muc4, plover, rams, wikievents
from proxywatch.evaluate.benchmarks._common import Dataset

__all__ = ["DATASETS", "Dataset", "load_gold"]

DATASETS: dict[str, Dataset] = {
    module.DATASET.name: module.DATASET for module in (muc4, wikievents, m2e2, rams, case2021, plover)
}


def load_gold(name: str, split: str, data_dir: Path | str) -> list[dict[str, Any]]:
    """Gold articles (or MUC-4 documents, CASE 2021 snippets) of one split of one dataset."""
    try:
        dataset = DATASETS[name]
    except KeyError:
        raise ValueError(f"unknown benchmark {name!r}; known: {', '.join(DATASETS)}") from None
    return dataset.load(data_dir, split)
