"""The caseworker desk: log in, sit at a counter, call, recall, serve and transfer tickets.

`main.py` composes the app; `viewmodels/` holds the state and actions (QObjects, no
widgets; its package docstring draws the tree); `views/` draws them with Qt Widgets;
`queue.py` is the Qt-free arithmetic of the queue overview; `texts.py` turns values and
errors into the caseworker's language.
"""
