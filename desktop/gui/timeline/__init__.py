"""The time slider and the chart above it: chapters, event density, the map's mood over time."""
