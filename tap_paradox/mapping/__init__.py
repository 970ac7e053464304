"""Pure mapping from Paradox payloads to unified ATS records (no I/O, no logging)."""
