"""The import pipeline: read → clean → extract → save → link (see DESIGN.md)."""
