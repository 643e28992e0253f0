"""Comments on the accounts: intake, deadlines, handling, evidence and disposal."""
