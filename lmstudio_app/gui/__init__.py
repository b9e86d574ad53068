"""The desktop application: PySide6 window, pyqtgraph plots, the engine in a worker thread."""
