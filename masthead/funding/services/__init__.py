"""Every write of the funding app, one module per job (HackSoft's services/ shape):
checkout, gifts, ledger (what Stripe says, applied), stripe_events, pledges, privacy, receipts."""
