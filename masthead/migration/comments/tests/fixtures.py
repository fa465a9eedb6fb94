"""Two published articles, one of them imported from WordPress as post 123 (old.example.org)."""


def articles_publish() -> dict:
    from wagtail.models import Locale, Page

    from masthead.migration.services import imported_object_record
    from masthead.newsroom.services import article_publish, author_create, home_ensure

    Locale.objects.get_or_create(language_code="en")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    home = home_ensure(title="The Riverside Ledger")[0]
    reporter = author_create(name="Maren Okafor", slug="maren-okafor", role="Reporter")

    def publish(title, slug):
        body = [("paragraph", f"<p>{title}: the story.</p>")]
        return article_publish(
            home=home, title=title, slug=slug, standfirst="", body=body, authors=[reporter], topics=[]
        )

    budget = publish("Council passes budget", "council-passes-budget")
    bridge = publish("The old bridge reopens", "old-bridge-reopens")
    imported_object_record(
        source="wordpress", source_site="old.example.org", kind="posts", source_id="123", target=budget
    )
    return {"budget": budget, "bridge": bridge}
