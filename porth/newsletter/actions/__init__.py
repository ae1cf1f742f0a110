"""The newsletter's writes: subscriptions (`subscriptions`) and issues (`issues`)."""
