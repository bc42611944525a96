"""Lines that report several trades at one weighted average price: the SEC staff's 2008 relief.

Trades of one day, one transaction code and one form of ownership may share a line at their
weighted average price when their prices lie within a $1 range; the line's footnote gives the
range and undertakes to provide the details on request.  These are the facts that
``form4gen aggregate`` (building such lines) and the PRC-WAVG rules (checking them) share.
"""

from __future__ import annotations

from decimal import Decimal

# The widest range of prices one aggregated line may cover.
MAX_SPREAD = Decimal("1")

# A weighted average price is written to four decimals (and printed so: form.formatting).
PRICE_PLACES = Decimal("0.0001")

# The fills form4gen aggregate merges into lines: open-market purchases (P) and sales (S), the
# trades a broker reports fill by fill.
AGGREGABLE_CODES = ("P", "S")

# The lines whose price the PRC-WAVG rules read as a possible weighted average: P and S, and F
# when the shares withheld for taxes were a sell-to-cover sold in the market at several prices
# (as MicroVision's 2026 Form 4 in the corpus reports it).  F comes from the issuer's plan, not
# from broker fills, so form4gen aggregate does not build it.
WEIGHTED_AVERAGE_CODES = (*AGGREGABLE_CODES, "F")
