"""Draft input files: reading YAML and JSON into a filing (load), writing YAML (yaml_out),
10b5-1 plans (plans), balances carried forward from ``holdings_before`` (carry_forward),
attachments read from the draft's folder and never outside it (files, attachments), and the
CCC from the environment or a credentials file (credentials).  Imports the layers below:
:mod:`form4gen.xml`, :mod:`form4gen.form`.
"""

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)
