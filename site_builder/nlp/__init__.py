"""Chinese text helpers shared by ingest, enrichment and search: words and pinyin."""
