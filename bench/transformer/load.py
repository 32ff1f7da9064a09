#!/usr/bin/env python3
"""Latency and throughput of a running classifier service (stdlib only, loopback only).

Prints one JSON object. Texts come from a CSV so requests look like real tickets; every text is
sent once per phase with a unique suffix so the prediction cache never answers.
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
    ap.add_argument("--max-seconds", type=float, default=300, help="hard stop for each phase")
    args = ap.parse_args()
    with open(args.data, newline="", encoding="utf-8") as f:
        texts = [row[args.text_col] for row in csv.DictReader(f) if row[args.text_col].strip()]
    run = uuid.uuid4().hex[:8]
    n = lambda i: f"{texts[i % len(texts)][:2000]} [{run}-{i}]"
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

    sent, started, deadline = 0, time.perf_counter(), time.time() + args.max_seconds
    while sent < args.batch_items and time.time() < deadline:
        items = [{"text": n(2_000_000 + sent + j)} for j in range(args.batch_size)]
        post(args.url + "/predict/batch", {"items": items})
        sent += args.batch_size
    elapsed = time.perf_counter() - started
    out["batch"] = {"batch_size": args.batch_size, "n": sent, "texts_per_s": round(sent / elapsed, 1)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
