"""Checking: the engine that runs the rule catalogue on one filing or document (engine),
the batch runner that checks many files in worker processes (batch), the settings file
(settings) and the report formats (formats).  Imports :mod:`form4gen.rules` and below.
"""
