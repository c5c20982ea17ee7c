"""Reading: the yearly report tables (a file-type → reader registry), their cells and numbers,
cleaning into the tidy observations table, and the catalog and observations files."""
