"""`make bench`: a realistic large corpus (generate), and the measurements on it (run)."""
