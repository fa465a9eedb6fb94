"""The Arabic edition's discussion under the translated budget story (fictional readers)."""

from .demo import discussion_load

# (key, parent key, name, text, up votes, down votes). A Latin-script name among Arabic ones
# shows that names are isolated (<bdi>) and do not scramble the line.
THREAD = [
    (
        "a",
        None,
        "سلمى حداد",
        "يسعدني أن المكتبة نجت. العريضة نجحت، وهذا درس لمن يقول إن مراسلة أعضاء المجلس لا تنفع.",
        9,
        0,
    ),
    (
        "a1",
        "a",
        "كريم النعيمي",
        "صحيح، لكن المال جاء من **مكان ما**. حافلات المساء هي التي دفعت ثمن المكتبة.",
        7,
        1,
    ),
    (
        "a2",
        "a1",
        "Daniel Okoro",
        "أعمل في مستشفى هارو هيل، والخط 31 هو طريقي الوحيد إلى البيت بعد المناوبة.",
        11,
        0,
    ),
    ("a3", "a2", "سلمى حداد", "هذه نقطة لم أفكر فيها. من لم يسمع بالعريضة أصلًا لم يُسأل عن رأيه.", 4, 0),
    (
        "b",
        None,
        "منى الخطيب",
        "هل سينشر المجلس أرقام الركاب الكاملة للخطين؟ ستة ركاب في الساعة رقم يحتاج إلى مصدر.",
        6,
        0,
    ),
    ("b1", "b", "يوسف برّاك", "الأرقام في ملحق وثائق الميزانية، الصفحة 41.", 3, 0),
    ("c", None, "ليلى منصور", "شكرًا على التغطية بالعربية. أرجو أن تستمروا في ترجمة أخبار المجلس.", 5, 0),
    ("d", None, "عمر الصافي", "مراجعة بعد ستة أشهر جيدة، لكن من سيقيس الضرر خلال هذه الأشهر؟", 2, 1),
]


def load(*, home) -> None:
    from wagtail.models import Locale

    from masthead.newsroom.models import ArticlePage

    page = ArticlePage.objects.filter(
        locale__in=Locale.objects.filter(language_code="ar"), slug="council-budget-vote"
    ).first()
    if page is not None:
        discussion_load(page=page, thread=THREAD)
