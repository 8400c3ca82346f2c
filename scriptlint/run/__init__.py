"""Running checks: sessions, one file's check, worker processes, the result cache and suppressions."""
