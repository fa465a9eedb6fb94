"""`masthead export`: everything a newsroom put into Masthead, out again, in a documented format
(docs/export-format.md; its JSON Schema is docs/export.schema.json)."""
