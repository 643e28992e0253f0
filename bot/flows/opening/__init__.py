"""Opening an account (DESIGN.md §2): application, manager, admins, anchoring, service account.

One module per step; each collects its commands, actions and forms on its own `verbs`.
"""
