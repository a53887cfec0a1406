"""Live events in the server: the hub that fans each branch's committed events out to the
open sockets, the PostgreSQL listener that hears other instances, and how a socket is
refused. The API's events route and the web pages' feeds both stand on it."""
