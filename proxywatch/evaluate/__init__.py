"""Evaluate: score events against gold (contract section 4) and convert public benchmarks to gold."""

from proxywatch.evaluate.scoring import score

__all__ = ["score"]
