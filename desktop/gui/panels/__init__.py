"""The side panels: events, details, chapters, what changed, and the tie filters."""
