"""Content files in legal_content/: their schema, parsing, validation, loading and export."""
