"""One document analysed: the cheap pass for everything, the trained components only on the
sentences the enabled check kinds select (the gate)."""
