"""Webhooks: a letter's owners choose HTTPS endpoints that hear of its sign-ons, signed."""
