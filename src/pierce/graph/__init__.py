"""The graph: ownership, control, renames, shared attributes and products, from the store.

Entry points: :func:`pierce.graph.trace.trace` (everything connecting a query to listed
parties, as of a date) and :func:`pierce.graph.trace.verdict` (one word for screening results).
"""

from pierce.graph.trace import TraceError, trace, verdict

__all__ = ["TraceError", "trace", "verdict"]
