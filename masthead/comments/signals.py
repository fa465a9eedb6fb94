"""Signals other apps listen to (subscriptions, inline feedback). Sent after the commit."""

from django.dispatch import Signal

# Sent once each time a comment becomes visible to readers (created approved, or approved by a
# moderator), after the transaction commits. Arguments: comment (a Comment).
comment_approved = Signal()

# Sent once for every comment stored (whatever its status), after the transaction commits.
# Arguments: comment (a Comment). Its status tells whether readers can see it yet.
comment_posted = Signal()
