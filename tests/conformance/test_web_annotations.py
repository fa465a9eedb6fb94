"""The Web Annotation export of the demo's annotated articles (English and Arabic) against the W3C
Web Annotation test suite's JSON schemas (schemas/web-annotation, see the README), with jsonschema."""

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

pytestmark = [pytest.mark.conformance, pytest.mark.xdist_group("conformance")]
SCHEMAS = Path(__file__).parent / "schemas" / "web-annotation"
ARTICLES = ["/council-budget-vote/", "/ar/council-budget-vote/"]


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _validators() -> dict[str, Draft4Validator]:
    """One validator per vendored assertion; their `$ref`s name the definitions by file name."""
    registry = Registry().with_resources(
        (path.name, Resource.from_contents(_load(path), default_specification=DRAFT4))
        for path in sorted((SCHEMAS / "definitions").glob("*.json"))
    )
    return {
        path.name: Draft4Validator(
            _load(path), registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER
        )
        for path in sorted((SCHEMAS / "annotations").glob("*.json"))
    }


def _annotations(demo, path: str) -> list[dict]:
    page_id = re.search(rb'data-page="(\d+)"', demo.body(path)).group(1).decode()
    status, headers, body = demo.get(f"/api/inline/pages/{page_id}/annotations")
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    collection = json.loads(body)
    assert collection["type"] == "AnnotationCollection" and collection["total"] == len(
        collection["first"]["items"]
    )
    return collection["first"]["items"]


@pytest.mark.parametrize("path", ARTICLES)
def test_every_exported_annotation_passes_the_w3c_assertions(demo, path):
    annotations = _annotations(demo, path)
    assert annotations, f"the demo has no inline feedback on {path}"
    validators = _validators()
    assert len(validators) == 17  # the suite's 14 MUSTs and 3 SHOULDs (README)
    failures = [
        f"{annotation['id']}: {name}: {error.message}"
        for annotation in annotations
        for name, validator in validators.items()
        for error in validator.iter_errors(annotation)
    ]
    assert failures == []


@pytest.mark.parametrize("path", ARTICLES)
def test_every_annotation_has_one_creator_and_bodies_with_format_and_language(demo, path):
    # The suite's SHOULDs that its vendored version has no assertion for (or, for the single
    # creator, one that checks `created` instead): one creator, each body's format and language.
    for annotation in _annotations(demo, path):
        assert annotation["creator"]["type"] == "Person" and annotation["creator"]["name"]
        language = "ar" if path.startswith("/ar/") else "en"
        assert {(body["format"], body["language"]) for body in annotation["body"]} <= {
            ("text/html", language),
            ("text/plain", language),
        }


def test_the_vendored_schemas_catch_broken_annotations():
    """The validators are live: between them, two broken annotations fail every assertion."""
    broken = [
        {
            "id": "not a uri",
            "motivation": ["commenting", "replying"],
            "body": 5,
            "bodyValue": ["a", "b"],
            "target": 5,
            "created": "yesterday",
            "modified": "yesterday",
            "generated": "yesterday",
            "rights": "not a uri",
            "canonical": ["https://a.example/", "https://b.example/"],
            "via": 5,
        },
        {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation"},
    ]
    validators = _validators()
    failed = {
        name for name, validator in validators.items() for item in broken if not validator.is_valid(item)
    }
    assert failed == set(validators)
