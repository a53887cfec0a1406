"""What keeps the server standing against bad input and bad actors: the login throttle and
hashing bound, limits on connections, headers and slow clients, and secrets kept out of
logs. Each is small, in its own module; docs/security.md says what they defend."""
