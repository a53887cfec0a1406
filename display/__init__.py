"""The waiting-room display: `dintur display --branch dokk1`.

A composition root (`app.py`), a view-model (`viewmodel.py`), the QML board (`qml/`),
the announcer (chime + speech queue, `announcer.py`) and letter sizing (`sizing.py`).
What the board shows is decided by `queue_server.shared.board`, shared with the web board.
"""
