"""Room for the workspace (issue: owner and issuer profiles, the power-of-attorney
library, the persisted ledger, filing history, the audit log).  It will sit above
:mod:`form4gen.prepare` and below the CLI and the web app, which call it alike.  Empty so far.
"""
