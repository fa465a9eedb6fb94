"""A small local stand-in of Stripe's API, enough for the funding app's flows, for tests and demos.

It answers POST /v1/checkout/sessions, GET /v1/events (created[gte], starting_after, limit,
types[]), DELETE or POST /v1/subscriptions/<id> (cancel), and serves GET /pay/<session id> as
the "hosted checkout" page a donor is redirected to. Every API request is kept in `requests`
(method, path, decoded nested params, headers) so that tests can assert what Stripe was asked.

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
        return {
            "id": subscription_id,
            "object": "subscription",
            "status": "canceled",
            "canceled_at": int(time.time()),
        }


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

        def _api(self):
            recorded = self._record()
            if self.headers.get("Authorization") != f"Bearer {standin.api_key}":
                return self._send(401, {"error": {"type": "invalid_request_error", "message": "bad key"}})
            with standin.lock:
                if standin.fail_next > 0:
                    standin.fail_next -= 1
                    return self._send(400, {"error": {"type": "invalid_request_error", "message": "refused"}})
            path = recorded.path
            if recorded.method == "POST" and path == "/v1/checkout/sessions":
                return self._send(200, standin.create_session(recorded.params))
            if recorded.method == "GET" and path == "/v1/events":
                return self._send(200, standin.list_events(recorded.params))
            if match := re.fullmatch(r"/v1/subscriptions/([\w-]+)", path):
                return self._send(200, standin.cancel_subscription(match.group(1)))
            return self._send(404, {"error": {"type": "invalid_request_error", "message": "unknown"}})

        def do_GET(self):
            if self.path.startswith("/pay/"):
                html = b"<!doctype html><title>Stand-in checkout</title><h1>Stand-in checkout</h1>"
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
