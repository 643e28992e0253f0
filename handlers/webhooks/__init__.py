"""Inbound webhooks: Meta (Facebook pages, Instagram) and a generic signed JSON webhook."""
