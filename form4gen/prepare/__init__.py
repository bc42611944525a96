"""Preparing a filing: the submission package as a function (package) and its folder
written whole or not at all (folder), the holdings ledger (ledger), broker fills aggregated
into lines (aggregate), and amendments started from the document they amend (amend).
Imports :mod:`form4gen.preview` and below.
"""
