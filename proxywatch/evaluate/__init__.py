"""Evaluate: score events against gold (contract section 4) and convert public benchmarks to gold.
(Names are imported on first use.)"""

from proxywatch.lazy import lazy_attributes

__getattr__, __dir__, __all__ = lazy_attributes(__name__, {"proxywatch.evaluate.scoring": ("score",)})
