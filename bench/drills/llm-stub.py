#!/usr/bin/env python3
"""A local OpenAI-compatible chat-completions endpoint standing in for Groq (unreachable here) in the drills.

  llm-stub.py --port 8099
  curl -X POST localhost:8099/control -d ok|error|hang     switch what /v1/chat/completions does:
      ok     names the first category the agent's prompt offers (a "- name" line)
      error  answers 500
      hang   accepts the request and never answers (until switched back)
  GET /control  -> the mode and the number of calls per mode (JSON)

Standard library only. It records no request body: the prompts carry scrubbed tickets, but a drill's logs
should not depend on that.
"""
import argparse, json, re, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

state = {"mode": "ok", "calls": {"ok": 0, "error": 0, "hang": 0}}
lock = threading.Lock()
released = threading.Event()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body, content_type="application/json"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/control":
            with lock:
                return self.reply(200, json.dumps(state))
        self.reply(404, "{}")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0)).decode("utf-8", "replace")
        if self.path == "/control":
            mode = body.strip()
            if mode not in state["calls"]:
                return self.reply(400, json.dumps({"error": "mode: ok, error or hang"}))
            with lock:
                state["mode"] = mode
            if mode == "hang":
                released.clear()
            else:
                released.set()
            return self.reply(200, json.dumps({"mode": mode}))
        if not self.path.endswith("/chat/completions"):
            return self.reply(404, "{}")
        with lock:
            mode = state["mode"]
            state["calls"][mode] += 1
        if mode == "error":
            return self.reply(500, json.dumps({"error": {"message": "drill: internal error", "type": "server_error"}}))
        if mode == "hang":
            released.wait()
            return self.reply(503, json.dumps({"error": {"message": "drill: released", "type": "server_error"}}))
        prompt = json.dumps(json.loads(body).get("messages", []))
        names = re.findall(r"\\n- ([^\\]+?)(?=\\n)", prompt)
        content = names[0] if names else "I cannot tell."
        self.reply(200, json.dumps({
            "id": "chatcmpl-drill", "object": "chat.completion", "created": 1, "model": "llama-3.1-8b-instant",
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 1, "total_tokens": 11}}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8099)
    args = parser.parse_args()
    released.set()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.serve_forever()
