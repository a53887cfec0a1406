"""Qt Widgets for the desk: they draw the view-models and forward clicks and keys to them."""
