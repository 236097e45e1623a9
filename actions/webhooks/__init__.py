"""Webhook actions, one job per module.

- `secrets`: the signing secrets of each action, their rotation;
- `payload`: the signed event's bytes;
- `queueing`: storing a delivery and handing it to a worker, claimed with a lease;
- `attempts`: sending one attempt, recording it, booking the next on the retry policy;
- `disabling`: switching off an action whose receiver is gone or keeps failing;
- `sample_event`: the test event ops send by hand.
"""
