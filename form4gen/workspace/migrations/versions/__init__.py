"""One module per schema revision, oldest first: ``r0001`` (the audit log and filing history),
``r0002`` (the ledger)."""
