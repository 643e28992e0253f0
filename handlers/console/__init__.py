"""The console: the bot as a text chat in the terminal, and the test backend.

`smbot console` plays several people at once against the real core (no Slack, no Teams);
`handlers.console.testing.ConsoleBot` is the same thing for tests. See docs/console.md.
"""
