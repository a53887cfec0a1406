"""The composition root: the `dintur` command and the demo, the only code that may import
every part (the server, the apps, the printers) and wire them together."""
