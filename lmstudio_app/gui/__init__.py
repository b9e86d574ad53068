"""The desktop application: PySide6 window, pyqtgraph plots, the engine in a worker thread."""

import pyqtgraph as pg

# Matrices are drawn as they are stored: image[row, column] = [query, key].
pg.setConfigOptions(imageAxisOrder="row-major", antialias=False)
