"""What the comments app asks of a screening pipeline (the moderation app provides one).

Comments stay independent of moderation: settings.COMMENTS_SCREEN names a callable taking a
Submission and returning a Verdict. The default approves everything (used only when no pipeline
is configured).
"""

from dataclasses import dataclass, field
from typing import Literal

Action = Literal["approve", "hold", "reject"]


@dataclass(frozen=True)
class Submission:
    """A new (or edited) comment as the pipeline sees it, before anything is stored."""

    page_id: int
    body: str
    author_name: str
    author_email: str
    author_url: str
    user_id: int | None
    is_staff: bool
    network: str  # keyed hash of the /24 or /48 network (core.clientip.network_hash)
    session: str  # a per-reader key (session key or guest id); "" when unknown
    # What the guest's cookie proves: comments stored with this edit-key hash are theirs ("" for
    # users and cookie-less guests). A typed email address proves nothing.
    guest_key_hash: str = ""
    honeypot: str = ""  # the hidden field's value; a person leaves it empty
    form_token: str = ""  # signed timestamp fetched when the reader started typing ("" without JS)
    thread_open: bool = True
    is_edit: bool = False
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    action: Action
    reason: str = ""  # a stable code, e.g. "honeypot", "rate_limit_network", "first_comment"
    message: str = ""  # what the reader is told (translated)
    status_code: int = 200  # for "reject": 400, 403, 409, 413 or 429
    # What the reader's answer says (JSON "code"), when it must not be `reason`: a bot must not
    # learn which trap it tripped. The reason itself stays in the moderation log.
    public_code: str = ""


def approve_all(submission: Submission) -> Verdict:
    return Verdict(action="approve")
