"""The demo newsroom's discussion: readers argue about the council budget (fictional people)."""

import hashlib
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .models import Comment
from .services import comment_import, votes_seed

# (key, parent key, name, text, up votes, down votes). "@staff" and "@author" are written by
# signed-in accounts: the city editor and the story's reporter.
THREAD = [
    (
        "a",
        None,
        "Ruth Penhaligon",
        "Glad the library survived. The petition worked, and that's worth "
        "remembering next time someone says writing to councillors is pointless.",
        14,
        1,
    ),
    (
        "a1",
        "a",
        "Colm Ferris",
        "Agreed, but the money came from *somewhere*. The evening buses paid "
        "for the library, and the people on those buses mostly didn't sign petitions.",
        11,
        2,
    ),
    (
        "a2",
        "a1",
        "Ruth Penhaligon",
        "That's fair. I hadn't thought about who never heard about the petition in the first place.",
        6,
        0,
    ),
    (
        "a3",
        "a2",
        "Hamid Sultani",
        "The petition was on paper at the hospital canteen too. I signed it "
        "there between shifts. But you're right that nobody asked us about route 31.",
        5,
        0,
    ),
    (
        "a4",
        "a3",
        "Colm Ferris",
        "That's the bit that bothers me: two consultations, one of them loud, one of them silent.",
        4,
        0,
    ),
    (
        "b",
        None,
        "Hamid Sultani",
        "I finish at the hospital at 9:30. Route 31 is the only way home to "
        "Copper Lane without a taxi. Six passengers an hour is six people like me.",
        22,
        0,
    ),
    (
        "b1",
        "b",
        "Bea Marchetti",
        "Same at the Harrow Hill care home. Half the night staff don't drive.",
        9,
        0,
    ),
    ("b2", "b", "Gerald Osei", "Could the hospital run a shuttle? They have the car park money.", 3, 4),
    (
        "b3",
        "b2",
        "Hamid Sultani",
        "They ran one in 2019 for six months. It stopped when the trust "
        "changed contractors. I'd love to see it back.",
        5,
        0,
    ),
    (
        "b4",
        "b3",
        "@staff",
        "We've asked Harrow Hill hospital whether a shuttle is being considered "
        "and will update this story when they answer. If you work there and want to talk to us, "
        "our newsdesk email is on the contact page.",
        12,
        0,
    ),
    (
        "c",
        None,
        "Gerald Osei",
        "2.9% council tax rise *and* service cuts. Where is the $1.1 million "
        "from reserves going? That's the question nobody at the meeting answered.",
        8,
        3,
    ),
    (
        "c1",
        "c",
        "@author",
        "Officers said most of it covers adult social care costs that rose faster "
        "than forecast. The breakdown is in appendix C of the budget papers (page 41). We'll publish "
        "a closer look at the reserves on Friday.",
        16,
        0,
    ),
    ("c2", "c1", "Gerald Osei", "Thanks, that's helpful. Appendix C it is.", 3, 0),
    (
        "c3",
        "c1",
        "Lena Vasquez",
        "Page 41 also shows reserves falling below the level the auditors "
        "recommend by 2028. That's the real story, in my view.",
        7,
        1,
    ),
    (
        "c4",
        "c3",
        "Tom Aldridge",
        "Reserves are for a rainy day. Losing the state grant is the rainy day.",
        5,
        2,
    ),
    (
        "c5",
        "c4",
        "Lena Vasquez",
        "One rainy day, yes. The papers show it happening three years running.",
        4,
        0,
    ),
    (
        "d",
        None,
        "Priscilla Nwosu",
        "Flood defences at Old Quay are long overdue. We had water in the cellar twice last winter.",
        10,
        0,
    ),
    (
        "d1",
        "d",
        "Tom Aldridge",
        "$2.4 million sounds like a lot but the 2021 survey said the full job "
        "is nearer $6 million. Is this phase one?",
        6,
        0,
    ),
    (
        "d2",
        "d1",
        "Priscilla Nwosu",
        "That's how it was described at the residents' meeting: phase one, the wall by the boatyard.",
        3,
        0,
    ),
    (
        "e",
        None,
        "Declan Mulvey",
        "Free breakfast club in every primary school is the best line in the "
        "budget. Kids can't learn hungry.",
        19,
        1,
    ),
    (
        "e1",
        "e",
        "Ines Carvalho",
        "As a teaching assistant: yes. It also gets a few kids in on time "
        "who otherwise wouldn't come at all.",
        8,
        0,
    ),
    ("e2", "e1", "Declan Mulvey", "Didn't know that side of it. Even better.", 2, 0),
    (
        "f",
        None,
        "Frank Bellweather",
        "Five hours of meeting for a 23-19 vote that everybody could predict. Democracy is slow, I suppose.",
        2,
        5,
    ),
    (
        "f1",
        "f",
        "Sunita Rao",
        "Forty residents spoke. I'd rather have a slow meeting where people are "
        "heard than a quick one where they aren't.",
        13,
        0,
    ),
    ("f2", "f1", "Frank Bellweather", "Fair point, well made.", 4, 0),
    (
        "g",
        None,
        "Ada Kowalczyk",
        "Does anyone know if the route 7 cut affects the Sunday service too? "
        "The article only mentions evenings.",
        3,
        0,
    ),
    (
        "g1",
        "g",
        "@staff",
        "The change only affects departures after 8 p.m. on every day of the week; "
        "Sunday daytime buses are unchanged. We've added that to the story.",
        7,
        0,
    ),
    ("g2", "g1", "Ada Kowalczyk", "Thank you for checking!", 1, 0),
    (
        "h",
        None,
        "Oluwaseun Adebayo",
        "Councillor Adeyemi's amendment to use the parking surplus "
        "deserved more than four votes' margin of attention. Parking money paying for buses makes "
        "sense.",
        9,
        2,
    ),
    (
        "h1",
        "h",
        "Tom Aldridge",
        "The parking surplus is already promised to road repairs, which is "
        "where the $600,000 comes from. You can't spend it twice.",
        6,
        3,
    ),
    ("h2", "h1", "Oluwaseun Adebayo", "Roads or buses: I know which one the night shift uses.", 7, 1),
    (
        "i",
        None,
        "Marguerite Fenn",
        "Will the six-month review of the bus changes be public? I'd like to know how they'll measure it.",
        5,
        0,
    ),
    (
        "i1",
        "i",
        "@author",
        "Councillor Brennan told us the review will go to the transport committee "
        "in October, which meets in public. We'll report on it.",
        8,
        0,
    ),
    (
        "j",
        None,
        "Pavel Dvořák",
        "Thanks to the Ledger for staying until midnight to report this. Nobody else covered it.",
        15,
        0,
    ),
    (
        "k",
        None,
        "Bea Marchetti",
        "Petition for evening buses, anyone? If it worked for the library, it can work for routes 7 and 31.",
        11,
        1,
    ),
    ("k1", "k", "Hamid Sultani", "I'll sign it, and I'll take it to the hospital canteen.", 6, 0),
]

STAFF = ("jonah-whitcombe", "Jonah", "Whitcombe")  # the city editor: labelled "Staff"


def _account(username: str, first: str, last: str):
    User = get_user_model()
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "is_staff": True,
            "email": f"{username}@newsroom.invalid",
        },
    )
    if _created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _writers(page) -> dict:
    authors = page.authors
    author = authors[0] if authors else None
    first, _, last = (author.name if author else "Maren Okafor").partition(" ")
    return {
        "@staff": _account(STAFF[0], STAFF[1], STAFF[2]),
        "@author": _account(author.slug if author else "maren-okafor", first, last),
    }


def _demo_email(name: str) -> str:
    """One address per demo name (a reader's comments share it); ASCII even for Arabic names."""
    local = name.lower().replace(" ", ".")
    if not local.isascii():
        local = "reader-" + hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{local}@example.org"


@transaction.atomic
def discussion_load(*, page, thread: list | None = None) -> None:
    """Writes `thread` (THREAD by default) under the page, once; other editions pass their own."""
    thread = THREAD if thread is None else thread
    if Comment.objects.filter(page_id=page.pk).exists():
        return
    writers = _writers(page)
    now = timezone.now()
    start = min((page.first_published_at or now) + timedelta(minutes=20), now - timedelta(hours=2))
    step = min(timedelta(minutes=37), (now - timedelta(minutes=30) - start) / len(thread))
    made: dict[str, Comment] = {}
    for number, (key, parent_key, name, text, up, down) in enumerate(thread):
        user = writers.get(name)
        comment = comment_import(
            page=page,
            parent=made.get(parent_key),
            body=text,
            user=user,
            author_name=user.get_full_name() if user else name,
            author_email=user.email if user else _demo_email(name),
            created_at=start + step * number,
        )
        votes_seed(comment=comment, up=up, down=down, voter_prefix="demo-reader")
        made[key] = comment


def load(*, home) -> None:
    """Adds the discussion to the demo's discussion article; the quiet one keeps none."""
    from masthead.newsroom.models import ArticlePage

    try:
        from masthead.newsroom.demo import DISCUSSION_SLUG
    except ImportError:
        DISCUSSION_SLUG = "council-budget-vote"
    page = ArticlePage.objects.child_of(home).filter(slug=DISCUSSION_SLUG).first()
    if page is not None:
        discussion_load(page=page)
