"""Package data: the built-in dataset, its JSON Schema, icons and desktop files."""
