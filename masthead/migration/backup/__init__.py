"""Backup and restore of a running site: the database's own online copy, media, the secret key
and a manifest (version, migrations, checksums) that restore verifies before it changes anything.
docs/operations.md ("Backups") explains the commands."""
