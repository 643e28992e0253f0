"""Helpers shared by the tests: the running bot, request builders, data builders."""
