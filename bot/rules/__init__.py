"""Pure rules: small functions of plain values, no database, no clock (tested table-driven)."""
