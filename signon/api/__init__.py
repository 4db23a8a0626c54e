"""The API: per-letter keys, the OSDI petition and its signatures, recording signatures."""
