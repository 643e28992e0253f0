"""Opening an account: application, manager, admins, anchoring, service account.

One module per step; each collects its commands, actions and forms on its own `verbs`.
`machine.py` is the application's state machine (states, events, who may fire each, what
it waits for); `steps.py` runs every step the same way (guard, body, `after_step`), and
`updates.py` syncs each card.
"""
