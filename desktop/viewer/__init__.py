"""What the viewer shows, without Qt: the evented state, the frame of one date, and easing between frames."""
