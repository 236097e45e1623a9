"""Webhook actions, one job per module.

- `secrets`: the signing secrets of each action, their rotation;
- `payload`: the signed event's bytes;
- `queueing`: storing a delivery and handing it to a worker, claimed with a lease;
- `attempts`: sending one attempt, recording it, booking the next on the retry policy;
  the webhook kind (`Webhook.attempt`) hands it the action's receiver as configured now;
- `disabling`: switching off an action whose receiver is gone or keeps failing.

The test event ops send by hand is the webhook kind's plan on a sample call
(`actions/kinds/webhook.py`), stored by `queueing.delivery_create_test`.
"""
