"""The workspace database's Alembic migrations, run by :mod:`form4gen.workspace.db` (no
``alembic.ini``): ``env.py`` and one module per revision in ``versions/``.  A revision is never
changed once released; a new one is added."""
