"""Room for the local web app (``form4gen serve``).  A peer of :mod:`form4gen.cli`: both call
the same functions of the layers below, and neither holds logic the other needs.  Empty so far.
"""
