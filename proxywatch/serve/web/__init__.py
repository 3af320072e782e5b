"""The web dashboard and HTTP API (``proxywatch serve``): FastAPI routes over the store and the analysis functions.

Imported only by the ``serve`` command and the tests: the rest of proxywatch never needs FastAPI.
"""

__all__: list[str] = []
