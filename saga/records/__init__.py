"""Hand-made records under data/ (annotations, errata, money roles, outside record, GPU figures, teaser stages), one loader each, and `saga check`."""
