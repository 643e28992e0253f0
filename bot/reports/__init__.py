"""The monthly follow-up report, the account register file and the archive export.

One concept per module: `period` (which month), `figures` (the numbers, set-based queries),
`recorded` (guideline versions and pauses as other parts record them), `charts` (matplotlib
PNGs), `documents` (PDF, HTML, CSV), `register` (the register as CSV and XLSX), `archive`
(E-ARK/BagIt packages).
"""
