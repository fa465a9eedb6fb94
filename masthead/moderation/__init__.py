"""Moderation: what happens to a new comment before anyone sees it, and the moderators' tools.

- pipeline.py: the ordered screening (settings.COMMENTS_SCREEN) that approves, holds or refuses
  each comment and records why (the reason code goes on the comment and in the screening log).
- formtoken.py: the signed "started typing" time the comments app serves for the minimum-time rule.
- wordlists.py, normal_forms.py: staff word lists matched on normalised text (NFKC, casefold,
  invisible characters and accents dropped, lookalike letters folded).
- services.py, privacy.py: moderators' actions, bans, export and erasure — each in the audit log.
- wagtail_hooks.py, viewsets.py, bulk_actions.py, admin_views.py: the admin ("Comments" queue,
  "Moderation" menu: bans, audit log, screening log, commenter data; Settings → word lists).

Settings: the `# --- moderation ---` block of site/settings.py (MASTHEAD_MODERATION_MIN_SECONDS,
MASTHEAD_MODERATION_TOKEN_MAX_AGE, MASTHEAD_RATE_LIMIT_NETWORK / _EMAIL / _SESSION,
MASTHEAD_MODERATION_MAX_LINKS, MASTHEAD_MODERATION_HOLD_FIRST_COMMENT,
MASTHEAD_SCREENING_LOG_DAYS). Permissions: "comments | change comment" moderates the queue;
"moderation | add ban" bans and handles privacy requests.
"""
