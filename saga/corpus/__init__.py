"""The corpus pipeline: manifest, ingest, cleaning, segmentation, extractors and the store."""
