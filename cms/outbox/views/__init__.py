"""The outbox's admin screens: channels, the deliveries list, and the actions on a post's deliveries."""
