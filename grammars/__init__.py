"""Lark grammars of legidiff: the documentation of the phrasing it accepts."""
