"""Hostile and broken files: hand-made cases (:mod:`.hostile`), a mutation corpus (:mod:`.corpus`)
and a bounded reader harness (:mod:`.harness`) shared by the tests and ``bench/bench_hostile.py``."""
