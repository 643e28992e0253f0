"""Accounts after opening: registration of existing accounts, import, pause, closing.

`lifecycle.py` holds the explicit transitions of an account's life after its opening (who may
fire each, what must hold first); each flow module runs one of them.
"""
