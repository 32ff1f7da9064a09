#!/usr/bin/env python3
"""Latency and throughput of a running classifier service (stdlib only, loopback only).

Prints one JSON object. Texts come from a CSV so requests look like real tickets. Run the service
with its cache off (service.sh does): the texts are then sent as they are. --unique appends a
marker to every text so a cached service cannot answer, at the price of longer inputs (about ten
more tokens on a fifteen-token Banking77 query, which slowed batch encoding by a fifth here).
"""
import argparse, csv, json, statistics, threading, time, urllib.request, uuid
from concurrent.futures import ThreadPoolExecutor


def post(url, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(req, timeout=60) as resp:
        resp.read()
        assert resp.status == 200, resp.status
    return (time.perf_counter() - started) * 1000


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def batch_phase(args, n, clients):
    """--batch-items texts in /predict/batch calls of --batch-size from `clients` concurrent callers."""
    calls = args.batch_items // args.batch_size
    deadline = time.time() + args.max_seconds
    def call(c):
        if time.time() > deadline:
            return 0
        items = [{"text": n(2_000_000 + c * args.batch_size + j)} for j in range(args.batch_size)]
        post(args.url + "/predict/batch", {"items": items})
        return args.batch_size
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        sent = sum(pool.map(call, range(calls)))
    elapsed = time.perf_counter() - started
    return {"batch_size": args.batch_size, "clients": clients, "n": sent, "texts_per_s": round(sent / elapsed, 1)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8002")
    ap.add_argument("--data", required=True)
    ap.add_argument("--text-col", default="text")
    ap.add_argument("--single", type=int, default=300, help="sequential /predict calls")
    ap.add_argument("--concurrent", type=int, default=600, help="/predict calls from --threads clients")
    ap.add_argument("--threads", type=int, default=16)
    ap.add_argument("--batch-items", type=int, default=2000, help="texts sent through /predict/batch")
    ap.add_argument("--batch-size", type=int, default=100)
    ap.add_argument("--batch-clients", type=int, default=2,
                    help="also measure this many clients sending batches at once (the server's capacity)")
    ap.add_argument("--unique", action="store_true", help="make every text unique (for a service with its cache on)")
    ap.add_argument("--max-seconds", type=float, default=300, help="hard stop for each phase")
    ap.add_argument("--language", help="send every ticket with this language (a model's cross-lingual head answers a "
                                       "language its training texts are not in)")
    args = ap.parse_args()
    with open(args.data, newline="", encoding="utf-8") as f:
        texts = [row[args.text_col] for row in csv.DictReader(f) if row[args.text_col].strip()]
    run = uuid.uuid4().hex[:8]
    global post
    if args.language:
        plain = post
        def post(url, body):
            if "items" in body:
                body = {"items": [dict(item, language=args.language) for item in body["items"]]}
            else:
                body = dict(body, language=args.language)
            return plain(url, body)
    if args.unique:
        n = lambda i: f"{texts[i % len(texts)][:2000]} [{run}-{i}]"
    else:
        n = lambda i: texts[i % len(texts)][:2000]
    out = {}

    for i in range(10):  # warm-up
        post(args.url + "/predict", {"text": n(10_000_000 + i)})

    lat, deadline = [], time.time() + args.max_seconds
    for i in range(args.single):
        if time.time() > deadline:
            break
        lat.append(post(args.url + "/predict", {"text": n(i)}))
    out["single"] = {"n": len(lat), "p50_ms": round(pct(lat, 50), 2), "p90_ms": round(pct(lat, 90), 2),
                     "p99_ms": round(pct(lat, 99), 2), "mean_ms": round(statistics.mean(lat), 2)}

    lat2, deadline = [], time.time() + args.max_seconds
    lock = threading.Lock()
    def one(i):
        if time.time() > deadline:
            return
        ms = post(args.url + "/predict", {"text": n(1_000_000 + i)})
        with lock:
            lat2.append(ms)
    started = time.perf_counter()
    with ThreadPoolExecutor(args.threads) as pool:
        list(pool.map(one, range(args.concurrent)))
    elapsed = time.perf_counter() - started
    out["concurrent_single"] = {"clients": args.threads, "n": len(lat2), "texts_per_s": round(len(lat2) / elapsed, 1),
                                "p50_ms": round(pct(lat2, 50), 2), "p99_ms": round(pct(lat2, 99), 2)}

    for clients in sorted({1, args.batch_clients}):
        out["batch" if clients == 1 else f"batch_{clients}_clients"] = batch_phase(args, n, clients)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
