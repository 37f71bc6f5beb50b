"""``site-builder review``: correct a page's segmentation in the browser (fixes file)."""
