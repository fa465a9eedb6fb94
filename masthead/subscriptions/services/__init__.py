"""Every write of subscriptions, one module per job (HackSoft's services/ shape): subscriptions
(follow, confirm), leaving (leave, suppress, bounce), delivery (fan-out and batched mails), claims
(which worker mails what, and claims of dead workers taken again), batching (when an address may
next be mailed), incoming_mail (unsubscribe mails and bounces), privacy (export and erasure)."""
