"""Small servers that stand in for the outside world in tests (Slack Web API, Bot Connector)."""
