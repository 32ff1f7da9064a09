#!/usr/bin/env python3
"""Bad input at volume: thousands of generated malformed requests against the agent's API, through the ingress.

Every answer must be a 4xx application/problem+json (the service's, or the ingress's own), or one of the stock
HTML error pages nginx generates for the statuses it owns (default 400, 401, 405, 413, 414, 429); never a 5xx,
never a 2xx for a request that breaks the contract, never a dropped connection. Afterwards a valid /predict must
still get 200 with the same category it got before the drill (and --health-url, when given, must say UP).

Requests are generated from --seed (case i is built from Random(f"{seed}:{i}") alone, so a case is reproducible
on its own: --replay I), paced to --rate requests/s over --workers connections, each on a fresh connection
(malformed framing must not leak into the next request). A few --big-mb bodies are streamed, never held in
memory; when the server answers before the body is sent (nginx's 413, an early 400), sending stops and the
answer is read.

Some generated requests are valid by the API contract although odd (unknown fields, which Jackson ignores; a
null language; a lone surrogate; an unknown but well-formed language code): they are there to find 5xx at the
edge, and for them a 2xx is fine ("tolerated" in the table).

Output: a per-category table of statuses and the failures (each with a reproduction) on stderr; one JSON summary
as the last stdout line; exit 0 only when the summary's "ok" is true (2: the drill could not start).
Python 3 standard library only.
"""
import argparse
import collections
import http.client
import io
import json
import os
import random
import select
import shlex
import socket
import ssl
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

PHRASES = [
    "my card has not arrived", "I was charged twice for the same purchase", "how do I change my PIN",
    "the exchange rate on my statement looks wrong", "my transfer is still pending after three days",
    "can I link another card to my account", "there is an extra charge on my statement",
    "when will my new card be delivered", "meine Karte ist noch nicht angekommen", "mi tarjeta no ha llegado",
]
NGINX_DEFAULT_STATUSES = "400,401,405,413,414,429"
PROBLEM = "application/problem+json"
CHUNK = 64 * 1024
READ_CAP = 1 << 20


class Case:
    """One request. body: bytes, or None with stream (a callable returning an iterator of bytes) for a big body;
    length: 'auto' (Content-Length of the body), None (no Content-Length), 'chunked' (the body is sent in chunks),
    'chunked-raw' (Transfer-Encoding: chunked, the body already framed, perhaps wrongly), or a Content-Length value
    sent as it is. raw_headers: header lines sent verbatim. expect: 'reject' (must be a 4xx) or 'tolerate' (valid by the
    contract: 2xx or 4xx, never 5xx). statuses: what the service should answer (a mismatch is reported, not failed).
    key: 'send', 'omit', 'wrong' or 'empty' (the X-API-Key header)."""

    def __init__(self, category, method, path, body=b"", headers=None, *, length="auto", raw_headers=(),
                 stream=None, stream_len=None, expect="reject", statuses=(), key="send", note=""):
        self.index = -1
        self.category, self.method, self.path, self.body = category, method, path, body
        self.headers = list(headers if headers is not None else [("Content-Type", "application/json")])
        self.length, self.raw_headers, self.stream, self.stream_len = length, list(raw_headers), stream, stream_len
        self.expect, self.statuses, self.key, self.note = expect, tuple(statuses), key, note

    def is_raw(self):
        """Framing curl cannot reproduce: the case is replayed with --replay instead."""
        return self.length not in ("auto", None) or bool(self.raw_headers) or self.stream is not None


def jdump(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def strictly_invalid(data):
    """True when `data` is not one strict JSON document (Python's parser, NaN/Infinity refused)."""
    def no_constants(name):
        raise ValueError(name)
    try:
        json.loads(data.decode("utf-8"), parse_constant=no_constants)
        return False
    except (ValueError, UnicodeDecodeError):
        return True


# ---------------------------------------------------------------------------------------------------- generators

def valid_predict(rng, with_optional=True):
    body = {"text": rng.choice(PHRASES)}
    if with_optional and rng.random() < 0.5:
        body["ticket_id"] = "drill-%08x" % rng.getrandbits(32)
    if with_optional and rng.random() < 0.3:
        body["language"] = rng.choice(["en", "de", "es"])
    return body


def valid_body(rng, path):
    if path == "/predict":
        return valid_predict(rng)
    if path == "/predict/batch":
        return {"items": [valid_predict(rng) for _ in range(rng.randint(1, 3))]}
    return {"ticket_id": "drill-unknown-%08x" % rng.getrandbits(32), "category": "card_arrival"}


def endpoint(rng):
    return rng.choice(["/predict", "/predict/batch", "/feedback"])


def gen_broken_json(rng):
    path = endpoint(rng)
    text = jdump(valid_body(rng, path)).decode("utf-8")
    ops = ["delete", "insert", "single_quotes", "trailing_comma", "unquoted_key", "comment", "nan", "leading_zero",
           "no_colon", "extra_brace", "trailing_garbage", "two_documents", "unclosed_string", "bare_word"]
    for _ in range(20):
        op = rng.choice(ops)
        if op == "delete":
            i = rng.randrange(len(text))
            out = text[:i] + text[i + 1:]
        elif op == "insert":
            i = rng.randrange(len(text) + 1)
            out = text[:i] + rng.choice('{}[]",:\\') + text[i:]
        elif op == "single_quotes":
            out = text.replace('"', "'")
        elif op == "trailing_comma":
            out = text[:-1] + ",}"
        elif op == "unquoted_key":
            out = text.replace('"text"', "text").replace('"items"', "items").replace('"ticket_id"', "ticket_id")
        elif op == "comment":
            out = "/* note */" + text if rng.random() < 0.5 else text[:1] + "// x\n" + text[1:]
        elif op == "nan":
            key = "text" if path == "/predict" else ("items" if path == "/predict/batch" else "category")
            out = '{"%s": %s}' % (key, rng.choice(["NaN", "Infinity", "-Infinity", "undefined"]))
        elif op == "leading_zero":
            out = text[:-1] + ',"n":0123}'
        elif op == "no_colon":
            out = text.replace(":", " ", 1)
        elif op == "extra_brace":
            out = "{" + text
        elif op == "trailing_garbage":
            out = text + rng.choice(["}", "]", "garbage", "\x00", ",{}", "{\"text\":"])
        elif op == "two_documents":
            out = text + text
        elif op == "unclosed_string":
            out = text[:-2]
        else:
            out = rng.choice(["true", "nul", "tru", "{text}", "[1,]", "{,}", "\"unterminated"])
        data = out.encode("utf-8")
        if strictly_invalid(data):
            return Case("broken_json", "POST", path, data, note=op)
    return Case("broken_json", "POST", path, b"{", note="fallback")


def gen_truncated(rng):
    path = endpoint(rng)
    data = jdump(valid_body(rng, path))
    cut = rng.randrange(1, len(data))
    if rng.random() < 0.3:
        # Content-Length shorter than the bytes sent: the server must read only the declared, truncated prefix
        return Case("truncated", "POST", path, data, length=str(cut), note="content-length %d of %d" % (cut, len(data)))
    return Case("truncated", "POST", path, data[:cut], note="cut at %d of %d" % (cut, len(data)))


def gen_binary(rng):
    path = endpoint(rng)
    n = rng.choice([1, 2, 16, 512, 4096, rng.randint(1, 64 * 1024)])
    data = rng.randbytes(n)
    prefix = rng.choice([b"", b"\x1f\x8b\x08\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\x00",
                         b"PK\x03\x04", b"\x89PNG\r\n\x1a\n"])
    data = prefix + data
    if not strictly_invalid(data):
        data = b"\xff" + data
    ctype = rng.choice(["application/json", "application/json", "application/octet-stream"])
    statuses = (400,) if ctype == "application/json" else (415,)
    return Case("binary_garbage", "POST", path, data, [("Content-Type", ctype)], statuses=statuses,
                note="%d bytes, prefix %r" % (len(data), prefix))


WRONG_VALUES = [0, 42, -1, 3.25, 12345678901234567890123, 1e300, True, False, None, [], ["a"], [1, 2], {},
                {"a": 1}, {"text": "my card"}]


def gen_wrong_types(rng):
    value = rng.choice(WRONG_VALUES)
    kind = rng.choice(["predict", "predict", "item", "feedback", "top", "items"])
    tolerate = False
    if kind == "predict":
        path, body = "/predict", valid_predict(rng, False)
        field = rng.choice(["text", "ticket_id", "language"])
        body[field] = value
        tolerate = value is None and field != "text"
    elif kind == "item":
        path = "/predict/batch"
        item = valid_predict(rng, False)
        field = rng.choice(["text", "ticket_id", "language"])
        item[field] = value
        body = {"items": [valid_predict(rng), item]}
        tolerate = value is None and field != "text"
    elif kind == "feedback":
        path, body = "/feedback", valid_body(rng, "/feedback")
        field = rng.choice(["ticket_id", "category"])
        body[field] = value
    elif kind == "items":
        path, field = "/predict/batch", "items"
        body = {"items": value}
    else:
        path, field = endpoint(rng), "(body)"
        body = value if not isinstance(value, dict) else [value]
    if isinstance(value, float) and value == 1e300 and rng.random() < 0.5:
        data = jdump(body).replace(b"1e+300", b"1e400")     # a number no double holds
    else:
        data = jdump(body)
    return Case("wrong_types", "POST", path, data, expect="tolerate" if tolerate else "reject",
                statuses=() if tolerate else (400,), note="%s %s = %r" % (path, field, value))


def gen_missing_fields(rng):
    choices = [
        ("/predict", {}), ("/predict", {"ticket_id": "drill-1"}), ("/predict", {"language": "en"}),
        ("/predict", {"ticket_id": "drill-1", "language": "en"}),
        ("/predict/batch", {}), ("/predict/batch", {"items": [{}]}), ("/predict/batch", {"items": [{"ticket_id": "a"}]}),
        ("/predict/batch", {"item": [{"text": "my card"}]}),
        ("/feedback", {}), ("/feedback", {"ticket_id": "drill-1"}), ("/feedback", {"category": "card_arrival"}),
    ]
    path, body = rng.choice(choices)
    return Case("missing_fields", "POST", path, jdump(body), statuses=(400,), note=json.dumps(body))


UNKNOWN_NAMES = ["extra", "Text", "TEXT", "texts", "ticketId", "lang", "@class", "$type", "__proto__", "constructor",
                 "class", "debug", "admin", "model", "threshold", "callback"]


def gen_unknown_fields(rng):
    path = endpoint(rng)
    body = valid_body(rng, path)
    target = body["items"][0] if path == "/predict/batch" and rng.random() < 0.5 else body
    for _ in range(rng.randint(1, 4)):
        target[rng.choice(UNKNOWN_NAMES)] = rng.choice(["x", 1, True, None, ["java.lang.Runtime"], {"a": {"b": 1}}])
    if rng.random() < 0.25:
        # only unknown fields: the required ones are missing
        return Case("unknown_fields", "POST", path, jdump({k: v for k, v in target.items()
                                                          if k not in ("text", "items", "ticket_id", "category")}),
                    statuses=(400,), note="unknown fields only")
    # valid by the contract (unknown properties are ignored); /feedback answers 404 for the unknown ticket
    return Case("unknown_fields", "POST", path, jdump(body), expect="tolerate",
                statuses=(404,) if path == "/feedback" else (200,), note=json.dumps(body)[:120])


def gen_deep_nesting(rng):
    depth = rng.choice([1001, 2000, 10000, 10000, 10000, 50000])
    open_, close = rng.choice([("[", "]"), ('{"a":', "}")])
    closed = rng.random() < 0.7
    nest = open_ * depth + ("1" + close * depth if closed else "")
    where = rng.choice(["body", "text", "items", "ticket_id", "item", "language"])
    if where == "body":
        path, data = endpoint(rng), nest
    elif where == "items":
        path, data = "/predict/batch", '{"items":%s}' % nest
    elif where == "item":
        path, data = "/predict/batch", '{"items":[{"text":"my card"},%s]}' % nest
    elif where == "ticket_id":
        path, data = rng.choice(["/predict", "/feedback"]), '{"text":"my card","category":"x","ticket_id":%s}' % nest
    else:
        path, data = "/predict", '{"text":"my card","%s":%s}' % (where, nest) if where == "language" else \
            '{"%s":%s}' % (where, nest)
    return Case("deep_nesting", "POST", path, data.encode(), statuses=(400,),
                note="%d levels of %s in %s%s" % (depth, open_, where, "" if closed else ", unclosed"))


BAD_UTF8 = [b"\xff", b"\xfe", b"\xc0\xaf", b"\xe0\x80\xaf", b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xf4\x90\x80\x80",
            b"\xf8\x88\x80\x80\x80", b"\xc3", b"\xe2\x82", b"\x80", b"\xbf\xbf", b"\xc3\x28"]


def gen_invalid_utf8(rng):
    path = endpoint(rng)
    bad = rng.choice(BAD_UTF8)
    field = {"/predict": "text", "/predict/batch": "text", "/feedback": rng.choice(["ticket_id", "category"])}[path]
    if path == "/predict/batch":
        template = b'{"items":[{"text":"my card %s has not arrived"}]}'
    elif path == "/feedback":
        template = (b'{"ticket_id":"drill-%s","category":"card_arrival"}' if field == "ticket_id"
                    else b'{"ticket_id":"drill-1","category":"card_%s"}')
    else:
        template = rng.choice([b'{"text":"my card %s has not arrived"}', b'{"text":"my card","ticket_id":"t%s"}',
                               b'{"text":"my card","language":"e%s"}', b'{"text":"%s"}'])
    data = template.replace(b"%s", bad)
    if rng.random() < 0.15:
        data = data.replace(b'"text"', b'"te' + bad + b'xt"', 1)     # in a field name
    return Case("invalid_utf8", "POST", path, data, statuses=(400,), note="%r in %s" % (bad, data[:60]))


CONTROL = [chr(c) for c in range(0, 32)] + ["\x7f"]


def gen_control_chars(rng):
    kind = rng.choice(["raw_in_text", "raw_in_text", "escaped_in_text", "escaped_in_text", "only_controls",
                       "nul_outside", "escaped_in_ticket_id", "in_language", "raw_in_feedback", "lone_surrogate"])
    chars = "".join(rng.choice(CONTROL) for _ in range(rng.randint(1, 8)))
    phrase = rng.choice(PHRASES)
    at = rng.randrange(len(phrase) + 1)
    if kind == "raw_in_text":
        raw_chars = chars.replace("\x7f", "\x00") + "\x00"          # DEL is legal raw JSON: keep at least one NUL
        data = b'{"text":"' + (phrase[:at] + raw_chars + phrase[at:]).encode() + b'"}'
        return Case("control_chars", "POST", "/predict", data, statuses=(400,), note="raw %r in text" % raw_chars)
    if kind == "escaped_in_text":
        data = jdump({"text": phrase[:at] + chars + phrase[at:], "ticket_id": "drill-ctl"})
        path = rng.choice(["/predict", "/predict/batch"])
        if path == "/predict/batch":
            data = b'{"items":[' + data + b"]}"
        return Case("control_chars", "POST", path, data, expect="tolerate", statuses=(200,),
                    note="escaped %r in text (valid)" % chars)
    if kind == "only_controls":
        data = jdump({"text": "".join(rng.choice(CONTROL[:32] + [" "]) for _ in range(rng.randint(1, 50)))})
        return Case("control_chars", "POST", "/predict", data, statuses=(400,), note="text only controls (blank)")
    if kind == "nul_outside":
        data = rng.choice([b'\x00{"text":"my card"}', b'{"text":"my card"}\x00', b'{\x00"text":"my card"}',
                           b'{"text"\x00:"my card"}'])
        return Case("control_chars", "POST", "/predict", data, statuses=(400,), note="NUL outside strings %r" % data)
    if kind == "escaped_in_ticket_id":
        data = jdump({"text": phrase, "ticket_id": "drill" + chars})
        return Case("control_chars", "POST", "/predict", data, expect="tolerate", statuses=(200,),
                    note="escaped %r in ticket_id (valid)" % chars)
    if kind == "lone_surrogate":
        # valid JSON (an escaped lone surrogate) that no UTF-8 can carry: echoed back in ticket_id, read in text
        field = rng.choice(["text", "ticket_id"])
        body = {"text": phrase, "ticket_id": "drill-s"}
        body[field] += rng.choice(["\ud800", "\udfff", "\udc00\ud800"])
        data = json.dumps(body).encode()
        return Case("control_chars", "POST", "/predict", data, expect="tolerate", statuses=(200,),
                    note="escaped lone surrogate in %s (valid)" % field)
    if kind == "in_language":
        data = jdump({"text": phrase, "language": "e" + chars[:1] + "n"})
        return Case("control_chars", "POST", "/predict", data, statuses=(400,), note="%r in language" % chars[:1])
    data = b'{"ticket_id":"drill-\x00' + chars.encode() + b'","category":"x"}'
    return Case("control_chars", "POST", "/feedback", data, statuses=(400,), note="raw controls in feedback")


def utf16_len(text):
    return len(text.encode("utf-16-le")) // 2


def gen_overlong_text(rng):
    n = rng.choice([10001, 10002, 12000, 50000, 200000, rng.randint(10001, 400000)])
    unit = rng.choice(["a", "word ", "ä", "\U0001F600", "\u4e2d"])
    text = (unit * (n // len(unit) + 1))[:n] if len(unit) > 1 else unit * n
    if unit == "\U0001F600":
        text = unit * (n // 2 + 1)            # 2 UTF-16 units each: n + 1 or n + 2 > 10,000
    where = rng.choice(["predict", "predict", "batch"])
    body = {"text": text, "ticket_id": "drill-long"}
    path, data = ("/predict", jdump(body)) if where == "predict" else \
        ("/predict/batch", jdump({"items": [{"text": "my card"}, body]}))
    assert utf16_len(text) > 10000
    return Case("overlong_text", "POST", path, data, statuses=(413,),
                note="%d UTF-16 units of %r, %d bytes" % (utf16_len(text), unit, len(data)))


def gen_empty_body(rng):
    path = endpoint(rng)
    kind = rng.choice(["zero", "no_length", "whitespace", "null", "empty_string", "bom_only"])
    data, length = {"zero": (b"", "auto"), "no_length": (b"", None), "whitespace": (b" \r\n\t ", "auto"),
                    "null": (b"null", "auto"), "empty_string": (b'""', "auto"), "bom_only": (b"\xef\xbb\xbf", "auto")}[kind]
    return Case("empty_body", "POST", path, data, length=length, statuses=(400,), note=kind)


def gen_content_type(rng):
    path = endpoint(rng)
    data = jdump(valid_body(rng, path))
    kind = rng.choice(["text/plain", "multipart/form-data", "multipart/form-data; boundary=XyZ", "form", "none",
                       "application/xml", "*/*", "application/jsonx", "}{", "application/json; charset=bogus",
                       "text/json", "application/x-www-form-urlencoded; charset=utf-8", "empty", "two"])
    headers = []
    if kind == "form" or kind.startswith("application/x-www-form-urlencoded"):
        headers = [("Content-Type", "application/x-www-form-urlencoded" if kind == "form" else kind)]
        data = urllib.parse.urlencode({"text": "my card", "ticket_id": "drill-form"}).encode()
    elif kind.startswith("multipart"):
        headers = [("Content-Type", kind)]
        data = (b'--XyZ\r\nContent-Disposition: form-data; name="text"\r\n\r\nmy card\r\n--XyZ--\r\n'
                if "boundary" in kind else data)
    elif kind == "none":
        headers = []
    elif kind == "empty":
        headers = [("Content-Type", "")]
    elif kind == "two":
        return Case("content_type", "POST", path, data, [("Content-Type", "text/plain")],
                    raw_headers=["Content-Type: application/json"], expect="tolerate", statuses=(),
                    note="two Content-Type headers")
    else:
        headers = [("Content-Type", kind)]
    return Case("content_type", "POST", path, data, headers, statuses=(415,),
                note="Content-Type %s" % (kind if kind != "form" else "form-urlencoded"))


def gen_accept(rng):
    path = endpoint(rng)
    accept = rng.choice(["text/html", "application/xml", "image/png", "}{", "text/plain;q=garbage", "application/",
                         "*/*;q=0", "application/json;q=0"])
    valid = rng.random() < 0.3
    body = jdump(valid_body(rng, path)) if valid else rng.choice([b'{"text":""}', b"{"])
    # a server may answer a valid request in JSON whatever the Accept header says (RFC 9110, 12.5.1)
    return Case("accept_header", "POST", path, body, [("Content-Type", "application/json"), ("Accept", accept)],
                expect="tolerate" if valid else "reject", note="Accept %s, body %s" % (accept, body[:40]))


def gen_huge_batch(rng):
    n = rng.choice([1001, 1002, 1500, 5000, rng.randint(1001, 20000)])
    item = rng.choice(['{"text":"my card"}', '{"text":"a","ticket_id":"t"}', '{"text":"x","language":"en"}'])
    data = ('{"items":[' + ",".join([item] * n) + "]}").encode()
    return Case("huge_batch", "POST", "/predict/batch", data, statuses=(413,), note="%d items, %d bytes" % (n, len(data)))


def gen_batch_items(rng):
    bad = rng.choice([1, "my card", True, None, [], [{"text": "my card"}], {"text": ""}, {"text": None},
                      {"text": 5}, {"text": "  "}, {"text": ["my card"]}])
    choice = rng.choice(["one", "mixed", "items_scalar", "empty"])
    if choice == "items_scalar":
        body = {"items": rng.choice(["my card", 7, {"text": "my card"}, True])}
    elif choice == "empty":
        body = {"items": []}
    elif choice == "mixed":
        body = {"items": [valid_predict(rng), bad, valid_predict(rng)]}
    else:
        body = {"items": [bad]}
    return Case("batch_item_types", "POST", "/predict/batch", jdump(body), statuses=(400,), note=json.dumps(body)[:100])


def gen_wrong_method(rng):
    path = endpoint(rng)
    method = rng.choice(["GET", "PUT", "DELETE", "PATCH", "HEAD", "GET", "PUT", "DELETE", "FOO", "TRACE"])
    body = jdump(valid_body(rng, path)) if method in ("PUT", "PATCH", "FOO") or rng.random() < 0.3 else b""
    headers = [("Content-Type", "application/json")] if body else []
    return Case("wrong_method", method, path, body, headers, length="auto" if body else None, statuses=(405,),
                note="%s %s" % (method, path))


def gen_unknown_path(rng):
    path = rng.choice(["/", "/predicts", "/Predict", "/PREDICT", "/predict/", "/predict/batch/", "/predict/batch/1",
                       "/predict/bulk", "/feedback/1", "/feedbacks", "/api/predict", "/v1/predict", "/actuator/health",
                       "/actuator/prometheus", "/actuator/env", "/error", "/index.html", "/predict.json",
                       "/predict/%2e%2e/feedback", "/%2e%2e/%2e%2e/etc/passwd", "/predict%00", "/predict%zz",
                       "/" + "a" * 9000, "/predict/" + "b" * 300, "/%ff%fe", "/predict;x=1/batch"])
    method = rng.choice(["POST", "GET"])
    body = jdump(valid_body(rng, "/predict")) if method == "POST" else b""
    headers = [("Content-Type", "application/json")] if body else []
    statuses = (400,) if "%" in path and "%2e%2e/feedback" not in path else ((414, 400) if len(path) > 8000 else (404,))
    if ";" in path or "%2e%2e/feedback" in path:
        statuses = ()               # path parameters and dot segments may resolve to a real endpoint
    return Case("unknown_path", method, path, body, headers, length="auto" if body else None, statuses=statuses,
                note="%s %s" % (method, path[:60]))


def gen_bad_language(rng):
    value = rng.choice(["EN", "English", "english", "e", "enxx", "", " en", "en ", "en-US", "en_US", "e1", "12",
                        "ñe", "\u0435n", "en\n", "x" * 300, "de,en", "*", "zz", "xxx", "qq", "tlh"])
    tolerate = value in ("zz", "xxx", "qq", "tlh")               # well-formed codes nobody speaks: valid by the pattern
    if rng.random() < 0.3:
        path, data = "/predict/batch", jdump({"items": [{"text": "my card", "language": value}]})
    else:
        path, data = "/predict", jdump({"text": rng.choice(PHRASES), "language": value})
    return Case("bad_language", "POST", path, data, expect="tolerate" if tolerate else "reject",
                statuses=(200,) if tolerate else (400,), note="language %r" % value[:20])


def gen_ticket_id(rng):
    n = rng.choice([201, 202, 256, 1000, 10001, 100000, 200])
    tid = "".join(rng.choice("abcdef0123456789-") for _ in range(n))
    path = endpoint(rng)
    if path == "/predict":
        data = jdump({"text": "my card has not arrived", "ticket_id": tid})
    elif path == "/predict/batch":
        data = jdump({"items": [{"text": "my card", "ticket_id": tid}]})
    else:
        data = jdump({"ticket_id": tid, "category": "card_arrival"})
    if n == 200:    # at the limit: valid (a /feedback for it is an unknown ticket)
        return Case("oversize_ticket_id", "POST", path, data, expect="tolerate",
                    statuses=(404,) if path == "/feedback" else (200,), note="200 characters (the limit)")
    return Case("oversize_ticket_id", "POST", path, data, statuses=(400,), note="%d characters" % n)


def gen_feedback(rng):
    kind = rng.choice(["unknown_ticket", "blank_ticket", "blank_category", "long_category", "category_types"])
    tid = "drill-unknown-%08x" % rng.getrandbits(32)
    body = {"unknown_ticket": {"ticket_id": tid, "category": "card_arrival"},
            "blank_ticket": {"ticket_id": rng.choice(["", " ", "\t\n", "\u0000"]), "category": "card_arrival"},
            "blank_category": {"ticket_id": tid, "category": rng.choice(["", "  ", "\r\n"])},
            "long_category": {"ticket_id": tid, "category": "c" * rng.choice([201, 5000])},
            "category_types": {"ticket_id": tid, "category": rng.choice([1, [], {}, True])}}[kind]
    return Case("feedback", "POST", "/feedback", jdump(body), statuses=(404,) if kind == "unknown_ticket" else (400,),
                note=kind)


def gen_auth(rng):
    path = endpoint(rng)
    key = rng.choice(["omit", "wrong", "empty"])
    body = rng.choice([b"{", b"", jdump({"text": ""})])
    return Case("api_key", "POST", path, body, key=key, statuses=(401,), note="key %s, body %r" % (key, body))


def gen_framing(rng):
    path = endpoint(rng)
    data = jdump(valid_body(rng, path))
    kind = rng.choice(["bad_chunk_size", "chunk_too_short", "cl_and_te", "cl_negative", "cl_not_number", "two_cl",
                       "huge_header", "many_headers", "bad_header_name"])
    if kind == "bad_chunk_size":
        return Case("framing", "POST", path, b"zz\r\n" + data + b"\r\n0\r\n\r\n", length="chunked-raw", note=kind)
    if kind == "chunk_too_short":
        return Case("framing", "POST", path, b"3\r\n" + data + b"\r\n0\r\n\r\n", length="chunked-raw", note=kind)
    if kind == "cl_and_te":
        return Case("framing", "POST", path, b"0\r\n\r\n" + data, length=str(len(data) + 5),
                    raw_headers=["Transfer-Encoding: chunked"], note=kind)
    if kind == "cl_negative":
        return Case("framing", "POST", path, data, length="-1", note=kind)
    if kind == "cl_not_number":
        return Case("framing", "POST", path, data, length="abc", note=kind)
    if kind == "two_cl":
        return Case("framing", "POST", path, data, length=str(len(data)),
                    raw_headers=["Content-Length: %d" % (len(data) - 1)], note=kind)
    if kind == "huge_header":
        return Case("framing", "POST", path, data, raw_headers=["X-Padding: " + "p" * rng.choice([9000, 20000, 70000])],
                    note=kind)
    if kind == "many_headers":
        # many small headers make a valid request: the service may answer it, as long as it is not a 5xx
        return Case("framing", "POST", path, data, raw_headers=["X-H%d: v" % i for i in range(rng.choice([200, 1000]))],
                    expect="tolerate", note=kind)
    return Case("framing", "POST", path, data, raw_headers=["Bad Header: x"], note=kind)


BIG_KINDS = ["text", "batch", "garbage", "nesting"]


def big_body_case(rng, mb, kind):
    """A body of `mb` MiB, generated block by block while it is sent (never held whole in memory)."""
    total = mb * 1024 * 1024
    if kind == "text":
        prefix, suffix, block = b'{"text":"', b'"}', (rng.choice(PHRASES).encode() + b" ") * 4096
    elif kind == "batch":
        item = b'{"text":"my card"},'
        prefix, suffix, block = b'{"items":[', b'{"text":"my card"}]}', item * (CHUNK // len(item))
    elif kind == "garbage":
        prefix, suffix, block = b"", b"", rng.randbytes(CHUNK)
    else:
        prefix, suffix, block = b"", b"", b"[" * CHUNK
    middle = total - len(prefix) - len(suffix)
    if kind == "batch":
        middle -= middle % len(b'{"text":"my card"},')
    length = len(prefix) + middle + len(suffix)

    def stream():
        yield prefix
        left = middle
        while left > 0:
            part = block[:left]
            left -= len(part)
            yield part
        yield suffix

    chunked = kind == "batch"            # one of them without a Content-Length: the limit must hold while reading
    path = "/predict/batch" if kind == "batch" else rng.choice(["/predict", "/predict/batch", "/feedback"])
    return Case("big_body", "POST", path, None, length="chunked" if chunked else "auto", stream=stream,
                stream_len=length, statuses=(413, 400),
                note="%s, %d bytes%s" % (kind, length, ", chunked" if chunked else ""))


GENERATORS = [
    ("broken_json", gen_broken_json, 3), ("truncated", gen_truncated, 2), ("binary_garbage", gen_binary, 2),
    ("wrong_types", gen_wrong_types, 3), ("missing_fields", gen_missing_fields, 1),
    ("unknown_fields", gen_unknown_fields, 1),
    ("deep_nesting", gen_deep_nesting, 1), ("invalid_utf8", gen_invalid_utf8, 2), ("control_chars", gen_control_chars, 2),
    ("overlong_text", gen_overlong_text, 1), ("empty_body", gen_empty_body, 1), ("content_type", gen_content_type, 2),
    ("accept_header", gen_accept, 1), ("huge_batch", gen_huge_batch, 1), ("batch_item_types", gen_batch_items, 2),
    ("wrong_method", gen_wrong_method, 2), ("unknown_path", gen_unknown_path, 2), ("bad_language", gen_bad_language, 2),
    ("oversize_ticket_id", gen_ticket_id, 1), ("feedback", gen_feedback, 1), ("api_key", gen_auth, 1),
    ("framing", gen_framing, 1),
]


def big_indices(count, big):
    """Where the big bodies are in the run: spread evenly, the k-th of kind BIG_KINDS[k % 4]."""
    big = min(big, count)
    return [int((k + 0.5) * count / big) for k in range(big)] if big else []


def make_case(seed, index, count, big, big_mb):
    """Case `index` of a run: reproducible from (seed, index, count, big) alone."""
    rng = random.Random("%s:%d" % (seed, index))
    bigs = big_indices(count, big)
    if index in bigs:
        case = big_body_case(rng, big_mb, BIG_KINDS[bigs.index(index) % len(BIG_KINDS)])
    else:
        slots = [gen for _, gen, weight in GENERATORS for _ in range(weight)]
        # a seeded permutation of the weighted slots, so every category appears in every stretch of the run
        order = random.Random("%s:order" % seed).sample(slots, len(slots))
        case = order[index % len(order)](rng)
    case.index = index
    return case


# ---------------------------------------------------------------------------------------------------- transport

class Target:
    def __init__(self, url, key, cacert, timeout, insecure_tls):
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise SystemExit("bad-input: --url must be http(s)://host[:port], not %r" % url)
        self.url = url.rstrip("/")
        self.tls = parsed.scheme == "https"
        self.host, self.port = parsed.hostname, parsed.port or (443 if self.tls else 80)
        self.netloc = parsed.netloc
        self.base_path = parsed.path.rstrip("/")
        self.key, self.timeout = key, timeout
        self.context = None
        if self.tls:
            self.context = ssl.create_default_context(cafile=cacert) if cacert else ssl.create_default_context()
            if not cacert and insecure_tls:
                self.context.check_hostname = False
                self.context.verify_mode = ssl.CERT_NONE

    def connect(self):
        sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        if self.tls:
            sock = self.context.wrap_socket(sock, server_hostname=self.host)
        return sock


class Answer:
    def __init__(self, status=None, headers=None, body=b"", error=None, sent=0, early=False, seconds=0.0):
        self.status, self.headers, self.body, self.error = status, headers or {}, body, error
        self.sent, self.early, self.seconds = sent, early, seconds

    @property
    def content_type(self):
        return self.headers.get("content-type", "")


def request_head(target, case):
    lines = ["%s %s HTTP/1.1" % (case.method, target.base_path + case.path), "Host: %s" % target.netloc]
    lines += ["%s: %s" % (name, value) for name, value in case.headers]
    if target.key is not None and case.key != "omit":
        lines.append("X-API-Key: %s" % {"send": target.key, "wrong": "drill-wrong-key-0000", "empty": ""}[case.key])
    if case.length == "auto":
        lines.append("Content-Length: %d" % (case.stream_len if case.stream is not None else len(case.body)))
    elif case.length in ("chunked", "chunked-raw"):
        lines.append("Transfer-Encoding: chunked")
    elif case.length is not None:
        lines.append("Content-Length: %s" % case.length)
    lines += case.raw_headers
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")


def body_parts(case):
    if case.stream is None:
        if case.body:
            yield case.body
        return
    if case.length != "chunked":
        yield from case.stream()
        return
    pending = b""
    for part in case.stream():
        pending += part
        while len(pending) >= CHUNK:
            yield b"%x\r\n%s\r\n" % (CHUNK, pending[:CHUNK])
            pending = pending[CHUNK:]
    if pending:
        yield b"%x\r\n%s\r\n" % (len(pending), pending)
    yield b"0\r\n\r\n"


def early_bytes(sock):
    """The first bytes of an answer that came while the body is still being sent, else None. A readable TLS socket
    may only hold a handshake record (TLS 1.3 session tickets), so this reads what is there without blocking."""
    if not (isinstance(sock, ssl.SSLSocket) and sock.pending()) and not select.select([sock], [], [], 0)[0]:
        return None
    timeout = sock.gettimeout()
    sock.setblocking(False)
    try:
        return sock.recv(CHUNK)                # b"": the server closed without answering
    except (ssl.SSLWantReadError, BlockingIOError):
        return None
    except OSError:
        return b""
    finally:
        sock.settimeout(timeout)


class PrefixedSocket:
    """What http.client.HTTPResponse reads from: the bytes already received, then the socket."""

    class Reader(io.RawIOBase):
        def __init__(self, sock, prefix):
            super().__init__()
            self.sock, self.prefix = sock, prefix

        def readable(self):
            return True

        def readinto(self, buffer):
            if self.prefix:
                n = min(len(buffer), len(self.prefix))
                buffer[:n], self.prefix = self.prefix[:n], self.prefix[n:]
                return n
            data = self.sock.recv(len(buffer))
            buffer[:len(data)] = data
            return len(data)

    def __init__(self, sock, prefix):
        self.sock, self.prefix = sock, prefix

    def makefile(self, mode):
        return io.BufferedReader(self.Reader(self.sock, self.prefix))


def send(target, case):
    """Sends one case on a new connection and reads the answer. A body is sent in CHUNK pieces; past the first,
    an answer that arrives early (nginx's 413, a 400 before the end of a big body) stops the sending."""
    started = time.monotonic()
    sent, early, send_error = 0, None, None
    try:
        sock = target.connect()
    except OSError as e:
        return Answer(error="connect: %s" % e, seconds=time.monotonic() - started)
    try:
        try:
            sock.sendall(request_head(target, case))
            for part in body_parts(case):
                for i in range(0, len(part), CHUNK):
                    if sent >= CHUNK:
                        early = early_bytes(sock)
                        if early is not None:
                            break
                    sock.sendall(part[i:i + CHUNK])
                    sent += len(part[i:i + CHUNK])
                if early is not None:
                    break
        except OSError as e:                   # the server closed while we sent: its answer may still be readable
            send_error = "send: %s" % e
        try:
            response = http.client.HTTPResponse(PrefixedSocket(sock, early or b""), method=case.method)
            response.begin()
            headers = {k.lower(): v for k, v in response.getheaders()}
            try:
                body = response.read(READ_CAP)
            except (http.client.IncompleteRead, OSError) as e:
                body = getattr(e, "partial", b"")
            return Answer(response.status, headers, body, None, sent, early is not None, time.monotonic() - started)
        except (OSError, http.client.HTTPException) as e:
            error = "read: %s: %s" % (type(e).__name__, e)
            return Answer(error=error + ("; " + send_error if send_error else ""), sent=sent,
                          seconds=time.monotonic() - started)
    finally:
        try:
            sock.close()
        except OSError:
            pass


# ---------------------------------------------------------------------------------------------------- judging

def is_nginx_page(answer):
    """nginx's stock HTML error page."""
    return answer.content_type.lower().startswith("text/html") and b"<center>nginx" in answer.body


def origin(answer):
    """'nginx' or 'service'. The ingress may answer its own errors in problem+json too (var/stack's does): those
    lack what every answer of the agent has, its X-Trace-Id header and, in a problem, the instance (the path)."""
    if is_nginx_page(answer):
        return "nginx"
    if answer.content_type.split(";")[0].strip().lower() == PROBLEM and "x-trace-id" not in answer.headers:
        try:
            doc = json.loads(answer.body) if answer.body else {}
        except ValueError:
            doc = {}
        if not (isinstance(doc, dict) and "instance" in doc):
            return "nginx"
    return "service"


def problem_ok(case, answer):
    if answer.content_type.split(";")[0].strip().lower() != PROBLEM:
        return False
    if case.method == "HEAD":                  # no body by definition
        return True
    try:
        doc = json.loads(answer.body)
    except ValueError:
        return False
    return isinstance(doc, dict) and doc.get("status") == answer.status and isinstance(doc.get("title"), str)


def judge(case, answer, nginx_statuses):
    """(outcome, origin, failure kind or None)."""
    if answer.status is None:
        return "no_answer", "-", "no_answer"
    status = answer.status
    if 200 <= status < 300:
        if case.expect == "tolerate":
            return "tolerated", "service", None
        return "unexpected_2xx", "service", "unexpected_2xx"
    if status >= 500:
        return "5xx", origin(answer), "five_xx"
    if 400 <= status < 500:
        if problem_ok(case, answer):
            who = origin(answer)
            return ("rate_limited" if status == 429 else ("nginx" if who == "nginx" else "problem")), who, None
        if is_nginx_page(answer):
            if status == 429:
                return "rate_limited", "nginx", None
            if status in nginx_statuses:
                return "nginx", "nginx", None
            return "nginx_unexpected_status", "nginx", "nginx_unexpected_status"
        return "non_problem_4xx", "service", "non_problem_json_4xx_from_service"
    return "unexpected_status", "service", "unexpected_status"


def curl_for(case, target, key_file, body_file):
    url = target.url + case.path
    parts = ["curl", "-sk" if target.tls else "-s", "--path-as-is", "-i"]
    parts += ["-I"] if case.method == "HEAD" else ["-X", case.method]
    parts.append(url)
    names = {name.lower() for name, _ in case.headers}
    for name, value in case.headers:
        parts += ["-H", "%s: %s" % (name, value) if value else "%s;" % name]
    if "content-type" not in names and case.body:
        parts += ["-H", "Content-Type:"]           # curl would otherwise add its own
    if "accept" not in names:
        parts += ["-H", "Accept:"]
    command = " ".join(shlex.quote(p) for p in parts)
    if target.key is not None and case.key != "omit":
        value = {"send": '"X-API-Key: $(cat %s)"' % shlex.quote(key_file), "wrong": "'X-API-Key: drill-wrong-key-0000'",
                 "empty": "'X-API-Key;'"}[case.key]
        command += " -H " + value
    if case.body:
        command += " --data-binary @" + shlex.quote(body_file)
    return command


# ---------------------------------------------------------------------------------------------------- checks

def valid_prediction(target, ticket_id, attempts=6):
    """POST a valid /predict; (ok, category, detail). Retries a 429 (the drill may just have used the key's budget)."""
    case = Case("valid", "POST", "/predict", jdump({"text": "my card has not arrived", "ticket_id": ticket_id}))
    answer = None
    for attempt in range(attempts):
        answer = send(target, case)
        if answer.status not in (429, None):
            break
        time.sleep(1 + attempt)
    if answer.status != 200:
        return False, None, "status %s %s %s" % (answer.status, answer.error or "", answer.body[:200])
    if not answer.content_type.lower().startswith("application/json"):
        return False, None, "content type %r" % answer.content_type
    try:
        doc = json.loads(answer.body)
    except ValueError:
        return False, None, "not JSON: %r" % answer.body[:200]
    category = doc.get("category") if isinstance(doc, dict) else None
    if not isinstance(category, str) or not category:
        return False, None, "no category in %r" % answer.body[:200]
    if doc.get("ticket_id") != ticket_id:
        return False, category, "ticket_id not echoed: %r" % doc.get("ticket_id")
    return True, category, "200 category=%s model_used=%s" % (category, doc.get("model_used"))


def health(url, context, timeout):
    try:
        with urllib.request.urlopen(url, timeout=timeout, context=context if url.startswith("https") else None) as r:
            doc = json.loads(r.read())
            return r.status == 200 and doc.get("status") == "UP", "%s %s" % (r.status, doc.get("status"))
    except Exception as e:  # noqa: BLE001 - any failure means not healthy
        return False, "%s: %s" % (type(e).__name__, e)


# ---------------------------------------------------------------------------------------------------- run

class Pacer:
    """At most `rate` request starts a second over all workers."""

    def __init__(self, rate):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.next = time.monotonic()
        self.lock = threading.Lock()

    def wait(self):
        with self.lock:
            now = time.monotonic()
            slot = max(self.next, now)
            self.next = slot + self.interval
        if slot > now:
            time.sleep(slot - now)


def print_table(rows, out):
    statuses = sorted({s for r in rows.values() for s in r["status"]}, key=str)
    header = ["category", "n"] + [str(s) for s in statuses] + ["tolerated", "nginx", "FAIL"]
    table = [header]
    for category in sorted(rows):
        r = rows[category]
        table.append([category, str(r["n"])] + [str(r["status"].get(s, "")) for s in statuses]
                     + [str(r["tolerated"] or ""), str(r["nginx"] or ""), str(r["fail"] or "")])
    total = {"n": 0, "status": collections.Counter(), "tolerated": 0, "nginx": 0, "fail": 0}
    for r in rows.values():
        for k in ("n", "tolerated", "nginx", "fail"):
            total[k] += r[k]
        total["status"].update(r["status"])
    table.append(["TOTAL", str(total["n"])] + [str(total["status"].get(s, "")) for s in statuses]
                 + [str(total["tolerated"]), str(total["nginx"]), str(total["fail"])])
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for i, row in enumerate(table):
        if i == len(table) - 1:
            print("  ".join("-" * w for w in widths), file=out)
        print("  ".join(c.rjust(w) if j else c.ljust(w) for j, (c, w) in enumerate(zip(row, widths))), file=out)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", default="https://127.0.0.1:8443", help="the ingress (default %(default)s)")
    p.add_argument("--plain-http-url", help="an http:// URL used instead of --url (development: the agent directly)")
    p.add_argument("--key-file", help="file holding the API key sent as X-API-Key (required for https)")
    p.add_argument("--no-key", action="store_true", help="send no X-API-Key (with --plain-http-url: the service alone)")
    p.add_argument("--cacert", help="verify the ingress certificate with this CA file (default or empty: not verified)")
    p.add_argument("--count", type=int, default=2000, help="requests (default %(default)s, at least 1)")
    p.add_argument("--seed", default="20", help="seed of the generated requests (default %(default)s)")
    p.add_argument("--rate", type=float, default=10.0, help="requests/s over all workers (default %(default)s; "
                   "keep it under the ingress's per-key limit)")
    p.add_argument("--workers", type=int, default=4, help="concurrent connections (default %(default)s)")
    p.add_argument("--big-bodies", type=int, default=4, help="how many of the requests are big bodies, in turn a long "
                   "text, a chunked batch, binary garbage and an unclosed nesting (default %(default)s)")
    p.add_argument("--big-mb", type=int, default=50, help="size of a big body in MiB (default %(default)s)")
    p.add_argument("--timeout", type=float, default=60.0, help="socket timeout in seconds (default %(default)s)")
    p.add_argument("--health-url", help="also require this readiness URL to answer 200 UP after the drill")
    p.add_argument("--nginx-statuses", default=NGINX_DEFAULT_STATUSES,
                   help="statuses for which nginx's own HTML error page is accepted (default %(default)s)")
    p.add_argument("--failures-dir", help="where to write failing bodies and reproductions (default: a new temp dir)")
    p.add_argument("--show", type=int, default=25, help="failures listed on stderr (default %(default)s)")
    p.add_argument("--replay", type=int, nargs="+", metavar="INDEX",
                   help="send only these cases of the run (same --seed, --count, --big-bodies) and print each exchange")
    args = p.parse_args()
    if args.count < 1 or args.workers < 1 or args.rate <= 0:
        p.error("--count, --workers and --rate must be positive")
    nginx_statuses = {int(s) for s in args.nginx_statuses.split(",") if s.strip()}

    url = args.plain_http_url or args.url
    key = None
    if args.no_key and urllib.parse.urlsplit(url).scheme == "http":
        pass
    elif args.key_file and os.path.isfile(args.key_file):
        with open(args.key_file, encoding="utf-8") as f:
            key = f.read().strip()
    elif urllib.parse.urlsplit(url).scheme == "https":
        print("bad-input: no API key file %r (the ingress answers 401 to everything without one)" % args.key_file,
              file=sys.stderr)
        print(json.dumps({"requests": 0, "seed": args.seed, "url": url, "error": "no API key file", "ok": False}))
        return 2
    target = Target(url, key, args.cacert, args.timeout, insecure_tls=True)

    if args.replay:
        for index in args.replay:
            case = make_case(args.seed, index, args.count, args.big_bodies, args.big_mb)
            head = request_head(target, case).replace(("X-API-Key: %s" % key).encode(), b"X-API-Key: ***") if key else \
                request_head(target, case)
            print("#%d %s (%s), expect %s" % (index, case.category, case.note, case.expect), file=sys.stderr)
            sys.stderr.write(head.decode("utf-8", "replace"))
            preview = case.body[:300] if case.body is not None else b"<%d streamed bytes>" % case.stream_len
            print("%r%s\n" % (preview, "..." if case.body and len(case.body) > 300 else ""), file=sys.stderr)
            answer = send(target, case)
            print("-> %s %s %s" % (answer.status, answer.content_type, answer.error or ""), file=sys.stderr)
            for k, v in answer.headers.items():
                print("   %s: %s" % (k, v), file=sys.stderr)
            print("   %r\n" % answer.body[:600], file=sys.stderr)
        return 0

    before_ok, before_category, before_detail = valid_prediction(target, "drill-before-%s" % args.seed)
    print("bad-input: %s, before the drill: valid /predict %s" % (target.url, before_detail), file=sys.stderr)
    if not before_ok:
        print("bad-input: the service does not answer a valid request before the drill; nothing to test", file=sys.stderr)
        print(json.dumps({"requests": 0, "seed": args.seed, "url": target.url, "error": "no valid answer before the drill: "
                          + before_detail, "healthy_after": False, "valid_prediction_after": False, "ok": False}))
        return 2

    failures_dir = args.failures_dir or tempfile.mkdtemp(prefix="bad-input-failures-")
    os.makedirs(failures_dir, exist_ok=True)
    for name in os.listdir(failures_dir):          # an earlier run's failures
        if name == "repro.sh" or (name.startswith("case-") and name.endswith(".body")):
            os.remove(os.path.join(failures_dir, name))
    rows = collections.defaultdict(lambda: {"n": 0, "status": collections.Counter(), "tolerated": 0, "nginx": 0,
                                            "fail": 0})
    status_counts, failure_counts, origins = collections.Counter(), collections.Counter(), collections.Counter()
    mismatches = collections.Counter()
    failures, lock = [], threading.Lock()
    pacer = Pacer(args.rate)
    started = time.monotonic()
    done = [0]

    def run(index):
        case = make_case(args.seed, index, args.count, args.big_bodies, args.big_mb)
        pacer.wait()
        answer = send(target, case)
        outcome, who, failure = judge(case, answer, nginx_statuses)
        with lock:
            row = rows[case.category]
            row["n"] += 1
            label = answer.status if answer.status is not None else "none"
            row["status"][label] += 1
            status_counts[str(label)] += 1
            if outcome == "tolerated":
                row["tolerated"] += 1
            if who == "nginx":
                row["nginx"] += 1
            if answer.status is not None and 400 <= answer.status < 500 and outcome != "rate_limited":
                origins[who] += 1
            # a 401 is the ingress's: the service itself takes no key
            expected = () if case.category == "api_key" and (target.key is None or args.plain_http_url) else case.statuses
            if expected and answer.status not in expected and failure is None \
                    and outcome not in ("rate_limited", "tolerated") and who == "service":
                mismatches["%s: %s -> %s" % (case.category, case.note[:50], answer.status)] += 1
            if failure:
                row["fail"] += 1
                failure_counts[failure] += 1
                failures.append((case, answer, failure))
            done[0] += 1
            if done[0] % 250 == 0:
                print("bad-input: %d/%d sent, %d failures, %.0f s" % (done[0], args.count, sum(failure_counts.values()),
                                                                      time.monotonic() - started), file=sys.stderr)

    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        for future in [pool.submit(run, i) for i in range(args.count)]:
            future.result()
    duration = time.monotonic() - started

    after_ok, after_category, after_detail = valid_prediction(target, "drill-after-%s" % args.seed)
    same = after_ok and after_category == before_category
    health_ok, health_detail = (True, "not asked")
    if args.health_url:
        health_ok, health_detail = health(args.health_url, target.context, args.timeout)

    print_table(rows, sys.stderr)
    failures.sort(key=lambda f: f[0].index)
    if failures:
        print("\nbad-input: %d failures (%s); reproductions in %s/repro.sh" % (
            len(failures), ", ".join("%s %d" % kv for kv in sorted(failure_counts.items())), failures_dir), file=sys.stderr)
        with open(os.path.join(failures_dir, "repro.sh"), "w", encoding="utf-8") as repro:
            repro.write("# bad-input failures, seed %s, %s\n" % (args.seed, target.url))
            for case, answer, failure in failures:
                body_file = os.path.join(failures_dir, "case-%05d.body" % case.index)
                if case.body:
                    with open(body_file, "wb") as f:
                        f.write(case.body)
                where = "--plain-http-url %s" % target.url if args.plain_http_url else "--url %s --key-file %s" % (
                    target.url, args.key_file)
                replay = "bench/drills/bad-input.py %s --seed %s --count %d --big-bodies %d --big-mb %d --replay %d" % (
                    where, shlex.quote(args.seed), args.count, args.big_bodies, args.big_mb, case.index)
                command = replay if case.is_raw() else curl_for(case, target, args.key_file or "KEYFILE", body_file)
                answer_text = "%s %s %r" % (answer.status, answer.content_type or "(no content type)", answer.body[:160]) \
                    if answer.status is not None else answer.error
                repro.write("\n# #%d %s [%s] %s %s: %s\n%s\n" % (case.index, failure, case.category, case.method,
                                                                 case.path[:80], case.note, command))
                repro.write("#   -> %s\n" % answer_text)
        for case, answer, failure in failures[:args.show]:
            answer_text = "%s %s %r" % (answer.status, answer.content_type or "(no content type)", answer.body[:100]) \
                if answer.status is not None else answer.error
            print("  #%d %s [%s] %s %s (%s) -> %s" % (case.index, failure, case.category, case.method, case.path[:50],
                                                      case.note[:70], answer_text), file=sys.stderr)
        if len(failures) > args.show:
            print("  ... %d more in %s/repro.sh" % (len(failures) - args.show, failures_dir), file=sys.stderr)
    if mismatches:
        print("\nbad-input: answered with another status than the contract suggests (not failures):", file=sys.stderr)
        for what, n in mismatches.most_common(15):
            print("  %dx %s" % (n, what), file=sys.stderr)
    rate_limited = status_counts.get("429", 0)
    print("bad-input: 429 (rate limited; not failures, but those requests tested the limit, not the service): %d"
          % rate_limited, file=sys.stderr)
    if rate_limited > 0.05 * args.count:
        print("bad-input: %d answers were 429: lower --rate to test the service rather than the rate limit"
              % rate_limited, file=sys.stderr)
    print("bad-input: after the drill: valid /predict %s%s; health %s" % (
        after_detail, "" if same or not after_ok else " (before: %s)" % before_category, health_detail), file=sys.stderr)

    five_xx = sum(n for s, n in status_counts.items() if s.isdigit() and int(s) >= 500)
    summary = {
        "requests": args.count,
        "seed": args.seed,
        "url": target.url,
        "seconds": round(duration, 1),
        "status_counts": dict(sorted(status_counts.items())),
        "five_xx": five_xx,
        "non_problem_json_4xx_from_service": failure_counts.get("non_problem_json_4xx_from_service", 0),
        "unexpected_2xx": failure_counts.get("unexpected_2xx", 0),
        "no_answer": failure_counts.get("no_answer", 0),
        "nginx_unexpected_status": failure_counts.get("nginx_unexpected_status", 0),
        "tolerated_2xx": sum(r["tolerated"] for r in rows.values()),
        "rate_limited_429": rate_limited,
        "answers_4xx_from_service": origins.get("service", 0),
        "answers_4xx_from_nginx": origins.get("nginx", 0),
        "status_mismatches": sum(mismatches.values()),
        "healthy_after": after_ok and health_ok,
        "valid_prediction_after": same,
        "failures_dir": failures_dir if failures else None,
    }
    summary["ok"] = (not failures) and summary["healthy_after"] and summary["valid_prediction_after"]
    print(json.dumps(summary))
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
