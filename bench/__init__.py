"""The performance benchmark of the guide (``make bench`` = ``python -m bench``).

Build times (the guide, and a synthetic site with and without the macros) and
widget figures (time to ready against a bare-Pyodide floor, click-to-result
latency, bytes transferred), printed as a table with PASS/FAIL beside each
target and written to ``bench/results.md``.
"""
