"""Checking: the engine that runs the rule catalogue on one filing or document (engine),
the batch runner that checks many files in worker processes (batch), the settings file
(settings) and the report formats (formats).  Imports :mod:`form4gen.rules` and below.
"""

# The report formats of ``form4gen check --format`` (each is a writer in :mod:`form4gen.checking.formats`).
FORMATS = ("text", "json", "junit", "sarif", "github")
