"""Check kinds, one module each (a kind's shared helpers in a module of their own); the
registry of them is factlint.kinds.registry."""
