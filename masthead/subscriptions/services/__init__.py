"""Every write of subscriptions, one module per job (HackSoft's services/ shape): subscriptions
(follow, confirm), leaving (leave, suppress, bounce), delivery (fan-out and batched mails),
incoming_mail (unsubscribe mails and bounces), privacy (export and erasure)."""
