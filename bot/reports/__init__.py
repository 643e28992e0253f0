"""The monthly follow-up report, the account register file and the archive export.

One concept per module: `period` (which month), `figures` (the numbers, set-based queries),
`hooks` (figures that wait for later issues), `charts` (matplotlib PNGs), `documents`
(PDF, HTML, CSV), `register` (the register as CSV and XLSX), `archive` (E-ARK/BagIt packages).
"""
