"""Local HTTP servers for the benchmarks: an OpenAI-compatible model with a settable answer
latency, and receivers that record when each webhook or dial request arrived."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Arrival:
    at: float
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Dozens of workers connect at once; the default backlog of 5 drops SYNs, and a
    # dropped SYN costs a one-second retransmit.
    request_queue_size = 512


class LocalServer:
    """Answers every POST with `answer(body)` after `latency` seconds; records arrivals."""

    def __init__(self, *, latency: float = 0.0) -> None:
        self.latency = latency
        self.arrivals: list[Arrival] = []
        # CPU seconds the server's threads spent answering, counted apart from the stack's.
        self.cpu_seconds = 0.0
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", 0), self._handler())

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def answer(self, body: bytes) -> tuple[int, dict[str, Any]]:
        return 200, {}

    def record(self, arrival: Arrival) -> None:
        with self._lock:
            self.arrivals.append(arrival)

    def count_cpu(self, seconds: float) -> None:
        with self._lock:
            self.cpu_seconds += seconds

    def start(self) -> LocalServer:
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes: with Nagle on, the body waits for
            # the client's delayed ACK, about 40 ms a request.
            disable_nagle_algorithm = True

            def log_message(self, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                started = time.thread_time()
                try:
                    self._answer()
                finally:
                    server.count_cpu(time.thread_time() - started)

            def _answer(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                server.record(
                    Arrival(time.time(), {k.lower(): v for k, v in self.headers.items()}, body)
                )
                if server.latency:
                    time.sleep(server.latency)
                status, document = server.answer(body)
                payload = json.dumps(document).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler


class ModelServer(LocalServer):
    """An OpenAI-compatible chat completions endpoint answering null for every field."""

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    def answer(self, body: bytes) -> tuple[int, dict[str, Any]]:
        schema = json.loads(body)["response_format"]["json_schema"]["schema"]
        names = list(schema["properties"]["values"]["properties"])
        content = {"values": dict.fromkeys(names), "evidence": dict.fromkeys(names)}
        return 200, completion(json.dumps(content))


def completion(content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-bench",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "bench-model",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": None},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150},
    }


class DialerServer(LocalServer):
    """The `http` dialer's endpoint: accepts every call."""

    def answer(self, body: bytes) -> tuple[int, dict[str, Any]]:
        return 201, {"id": f"dial-{json.loads(body)['follow_up_id']}"}
