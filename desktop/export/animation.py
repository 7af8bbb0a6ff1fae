"""Animated exports (GIF, MP4): see below."""
