"""What the segmenter learns from: a layout simulator and the trainers of its models.

Nothing here runs during ingest; ``python -m site_builder.ingest.learn.train`` rebuilds the
shipped model file from the project's own gold pages, deterministically.
"""
