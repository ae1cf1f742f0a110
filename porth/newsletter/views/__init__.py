"""The newsletter's pages: subscribing (`subscriptions`) and the centre's own (`centre`)."""
