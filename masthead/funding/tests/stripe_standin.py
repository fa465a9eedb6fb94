"""A small local stand-in of Stripe's API, enough for the funding app's flows, for tests and demos.

It answers POST /v1/checkout/sessions, GET /v1/events (created[gte], starting_after, limit,
types[]), the lists an adoption reads (GET /v1/subscriptions, /v1/invoices, /v1/charges: limit,
starting_after, created[gte], status, expand[] of data.customer and data.payments), GET
/v1/subscriptions/<id>, POST /v1/subscriptions/<id> (items: a new amount; anything else cancels,
as does DELETE), POST /v1/billing_portal/sessions, and serves GET /pay/<session id> and
GET /portal/<session id> as the hosted pages a donor is sent to. Every API request is kept in
`requests` (method, path, decoded nested params, headers) so that tests can assert what Stripe was
asked.

Failures to test with: `fail_next` (the next N calls are refused), `broken` (a list path and the
page from which every request to it breaks: the connection is cut half-way through the body, as
a network failure in the middle of a page would), and `restricted` (a restricted key and the
paths it may read; any other path answers 403, as Stripe does).

Run alone: python -m masthead.funding.tests.stripe_standin --port 8306
"""

import argparse
import itertools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


def nested_params(pairs: list[tuple[str, str]]) -> dict:
    """Stripe's form encoding (a[b][0][c]=v) back into nested dicts and lists."""
    root: dict = {}
    for key, value in pairs:
        parts = re.findall(r"[^\[\]]+", key)
        node = root
        for part, following in itertools.pairwise(parts):
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return _lists(root)


def _lists(node):
    if isinstance(node, dict):
        if node and all(k.isdigit() for k in node):
            return [_lists(node[k]) for k in sorted(node, key=int)]
        return {k: _lists(v) for k, v in node.items()}
    return node


@dataclass
class Recorded:
    method: str
    path: str
    params: dict
    headers: dict


@dataclass
class StripeStandin:
    api_key: str = "sk_test_standin"
    requests: list[Recorded] = field(default_factory=list)
    sessions: dict[str, dict] = field(default_factory=dict)
    events: list[dict] = field(default_factory=list)  # any order; served newest first
    fail_next: int = 0  # answer the next N API calls with a 500 (to test error handling)
    # What an adoption lists, in any order (served newest first, like Stripe's lists).
    subscriptions: list[dict] = field(default_factory=list)
    invoices: list[dict] = field(default_factory=list)
    charges: list[dict] = field(default_factory=list)
    customers: dict[str, dict] = field(default_factory=dict)
    portal_sessions: list[dict] = field(default_factory=list)
    broken: dict[str, int] = field(default_factory=dict)  # list path → first broken page (0-based)
    restricted: dict[str, tuple[str, ...]] = field(default_factory=dict)  # key → paths it may use
    _counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self):
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self, port: int = 0) -> "StripeStandin":
        self.server = ThreadingHTTPServer(("127.0.0.1", port), _handler_for(self))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    def next_id(self, prefix: str) -> str:
        return f"{prefix}_test_{next(self._counter):06d}"

    def checkout_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path == "/v1/checkout/sessions"]

    # --- the API ---------------------------------------------------------------------------
    def create_session(self, params: dict) -> dict:
        session_id = self.next_id("cs")
        items = params.get("line_items") or [{}]
        price = items[0].get("price_data", {})
        session = {
            "id": session_id,
            "object": "checkout.session",
            "mode": params.get("mode"),
            "url": f"{self.url}/pay/{session_id}",
            "status": "open",
            "payment_status": "unpaid",
            "amount_total": int(price.get("unit_amount", 0)) * int(items[0].get("quantity", 1)),
            "currency": price.get("currency"),
            "customer_email": params.get("customer_email"),
            "metadata": params.get("metadata", {}),
            "created": int(time.time()),
        }
        self.sessions[session_id] = session
        return session

    def list_events(self, params: dict) -> dict:
        created = params.get("created", {})
        gte = int(created.get("gte", 0)) if isinstance(created, dict) else 0
        types = params.get("types") or []
        limit = min(int(params.get("limit", 10)), 100)
        chosen = [e for e in self.events if e["created"] >= gte and (not types or e["type"] in types)]
        chosen.sort(key=lambda e: (e["created"], e["id"]), reverse=True)
        if after := params.get("starting_after"):
            ids = [e["id"] for e in chosen]
            chosen = chosen[ids.index(after) + 1 :] if after in ids else []
        page = chosen[:limit]
        return {"object": "list", "url": "/v1/events", "has_more": len(chosen) > limit, "data": page}

    def cancel_subscription(self, subscription_id: str) -> dict:
        known = self.subscription(subscription_id) or {"id": subscription_id, "object": "subscription"}
        known.update(status="canceled", canceled_at=int(time.time()))
        return known

    def subscription(self, subscription_id: str) -> dict | None:
        return next((s for s in self.subscriptions if s["id"] == subscription_id), None)

    def update_subscription(self, subscription_id: str, params: dict) -> dict | None:
        """A new price for each item named (price_data), as Stripe's subscription update does."""
        known = self.subscription(subscription_id)
        if known is None:
            return None
        for change in params.get("items") or []:
            for item in known["items"]["data"]:
                if item["id"] == change.get("id") and "price_data" in change:
                    data = change["price_data"]
                    item["price"] = {
                        "id": self.next_id("price"),
                        "object": "price",
                        "unit_amount": int(data["unit_amount"]),
                        "currency": data["currency"],
                        "product": data["product"],
                        "recurring": data.get("recurring", {}),
                    }
        return known

    def create_portal_session(self, params: dict) -> dict:
        session_id = self.next_id("bps")
        session = {
            "id": session_id,
            "object": "billing_portal.session",
            "customer": params.get("customer"),
            "return_url": params.get("return_url"),
            "locale": params.get("locale"),
            "url": f"{self.url}/portal/{session_id}",
        }
        self.portal_sessions.append(session)
        return session

    def list_objects(self, path: str, params: dict) -> dict:
        """One page of subscriptions, invoices or charges, newest first (Stripe's list contract)."""
        objects = {"/v1/subscriptions": self.subscriptions, "/v1/invoices": self.invoices}.get(
            path, self.charges
        )
        created = params.get("created", {})
        gte = int(created.get("gte", 0)) if isinstance(created, dict) else 0
        status = params.get("status")
        chosen = [o for o in objects if o["created"] >= gte and (not status or o.get("status") == status)]
        chosen.sort(key=lambda o: (o["created"], o["id"]), reverse=True)
        if after := params.get("starting_after"):
            ids = [o["id"] for o in chosen]
            chosen = chosen[ids.index(after) + 1 :] if after in ids else []
        limit = min(int(params.get("limit", 10)), 100)
        expand = params.get("expand") or []
        page = [self._expanded(o, expand) for o in chosen[:limit]]
        return {"object": "list", "url": path, "has_more": len(chosen) > limit, "data": page}

    def _expanded(self, obj: dict, expand: list[str]) -> dict:
        shown = json.loads(json.dumps(obj))
        if "data.customer" in expand and isinstance(shown.get("customer"), str):
            shown["customer"] = self.customers.get(shown["customer"], {"id": shown["customer"]})
        if "data.payments" not in expand:
            shown.pop("payments", None)  # not included unless asked for (API 2025-03-31 on)
        return shown

    def page_number(self, path: str) -> int:
        """Which page of a list this request asks for, counting this list's requests so far."""
        return sum(1 for r in self.requests if r.path == path and r.method == "GET") - 1


def _handler_for(standin: StripeStandin):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet in tests
            pass

        def _send(self, status: int, body, content_type="application/json"):
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _record(self) -> Recorded:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            params = nested_params(parse_qsl(parts.query) + parse_qsl(body))
            recorded = Recorded(self.command, parts.path, params, dict(self.headers))
            with standin.lock:
                standin.requests.append(recorded)
            return recorded

        def _cut(self, body: dict):
            """Headers and half of the body, then the connection closes: a page broken mid-way."""
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True

        def _refusal(self, recorded: Recorded):
            key = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
            if key in standin.restricted:
                if not recorded.path.startswith(standin.restricted[key]):
                    message = (
                        f"The provided key '{key[:8]}***' does not have the required permissions for "
                        f"this endpoint on account 'acct_standin'. Having the 'rak_{recorded.path[4:]}_read'"
                        " permission would allow this request to continue."
                    )
                    return 403, {"error": {"type": "invalid_request_error", "message": message}}
                return None
            if key != standin.api_key:
                return 401, {"error": {"type": "invalid_request_error", "message": "bad key"}}
            with standin.lock:
                if standin.fail_next > 0:
                    standin.fail_next -= 1
                    return 400, {"error": {"type": "invalid_request_error", "message": "refused"}}
            return None

        def _api(self):
            recorded = self._record()
            if refusal := self._refusal(recorded):
                return self._send(*refusal)
            path, method, params = recorded.path, recorded.method, recorded.params
            if method == "POST" and path == "/v1/checkout/sessions":
                return self._send(200, standin.create_session(params))
            if method == "POST" and path == "/v1/billing_portal/sessions":
                return self._send(200, standin.create_portal_session(params))
            if method == "GET" and path == "/v1/events":
                return self._send(200, standin.list_events(params))
            if method == "GET" and path in ("/v1/subscriptions", "/v1/invoices", "/v1/charges"):
                listing = standin.list_objects(path, params)
                if path in standin.broken and standin.page_number(path) >= standin.broken[path]:
                    return self._cut(listing)
                return self._send(200, listing)
            if match := re.fullmatch(r"/v1/subscriptions/([\w-]+)", path):
                return self._subscription(match.group(1), method, params)
            return self._send(404, {"error": {"type": "invalid_request_error", "message": "unknown"}})

        def _subscription(self, subscription_id: str, method: str, params: dict):
            if method == "GET" or (method == "POST" and params.get("items")):
                found = (
                    standin.subscription(subscription_id)
                    if method == "GET"
                    else standin.update_subscription(subscription_id, params)
                )
                if found is None:
                    message = f"No such subscription: '{subscription_id}'"
                    return self._send(404, {"error": {"type": "invalid_request_error", "message": message}})
                return self._send(200, found)
            return self._send(200, standin.cancel_subscription(subscription_id))

        def do_GET(self):
            if self.path.startswith("/pay/"):
                html = b"<!doctype html><title>Stand-in checkout</title><h1>Stand-in checkout</h1>"
                return self._send(200, html, "text/html; charset=utf-8")
            if self.path.startswith("/portal/"):
                html = (
                    b"<!doctype html><title>Stand-in billing portal</title><h1>Stand-in billing portal</h1>"
                )
                return self._send(200, html, "text/html; charset=utf-8")
            return self._api()

        do_POST = do_DELETE = _api

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8306)
    parser.add_argument("--key", default="sk_test_standin")
    args = parser.parse_args()
    standin = StripeStandin(api_key=args.key).start(port=args.port)
    print(f"Stripe stand-in at {standin.url} (key {args.key}); Ctrl-C stops it")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        standin.stop()


if __name__ == "__main__":
    main()
