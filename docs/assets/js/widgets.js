// Widget loader (being written): starts Pyodide only on pages with a widget.
