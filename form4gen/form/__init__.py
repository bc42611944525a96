"""The form's facts: element tables, lengths and patterns (spec), code lists (codes), the
models of a filing (models), dates in force (regulation), business days and deadlines
(calendar), how EDGAR prints numbers and dates (formatting), what one holding is (holdings),
the two tables (tables), weighted-average lines (aggregation), the amendment mark (amendment),
and the vocabulary of a problem in a field (errors).

The bottom layer: it imports nothing of form4gen's above it, and no lxml, Jinja or click.
"""
