"""The tamper-evident audit log, security events, and the database's safety nets (busy, backups)."""
