"""The chapter analyses: frames in, frames out, no files read (unless a loader default)."""
