"""Content: Markdown files with YAML front matter <-> typed ``Article`` models."""
