"""The book build: execution-cache invalidation and the Sphinx build."""
