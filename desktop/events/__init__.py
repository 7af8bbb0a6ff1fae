"""Relationship maps from machine-coded event data (GDELT 1.0 and 2.0, ICEWS, ACLED), at any scale.

The aggregation is one Ibis expression (:mod:`desktop.events.expression`) run by an engine
(:mod:`desktop.events.engines`): DuckDB embedded by default, a Spark session, or any Ibis connection
URL. Only the aggregated pairs come back to Python, where they become a native dataset
(:mod:`desktop.events.build`). No Qt here: the command line and the window share this package.
"""

from desktop.events.expression import Selection
from desktop.events.run import AggregateCancelled, AggregateError, AggregateJob, AggregateResult, write_document

__all__ = ["AggregateCancelled", "AggregateError", "AggregateJob", "AggregateResult", "Selection", "write_document"]
