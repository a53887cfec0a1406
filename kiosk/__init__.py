"""The citizen kiosk: a full-screen touch UI that issues tickets and offers self-service help.

Layers (see design §8): Qt-free services (`backend`, `output`, `guides`, `texts`, `theme`,
`geometry`, `idle`), Qt view-model (`viewmodel`), QML presentation (`qml/`), and the
composition root (`app`, `main`).
"""
