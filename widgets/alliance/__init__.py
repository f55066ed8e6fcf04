"""The therapeutic alliance in low back pain: model, classifier, plan builder.

Pure Python, standard library only: runs in CPython and in Pyodide.
"""

__version__ = "0.1.0"
