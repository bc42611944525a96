"""XML in and out: reading any ownership document into the models (read), writing the
EDGAR-ready XML (write), the schemas generated from the element tables (xsd), the
``edgarSubmission`` envelope (envelope), and where the shipped schemas and templates are
(resources).  Imports only :mod:`form4gen.form`.
"""
