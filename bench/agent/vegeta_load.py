#!/usr/bin/env python3
"""Helpers for driving the agent with vegeta (a Go open-loop load generator, MIT).

  vegeta_load.py targets --url URL --data TEST.csv > targets.jsonl
      one POST /predict per ticket of the CSV (column "text"), in vegeta's JSON target format
  vegeta_load.py summary --rate R < results.jsonl
      vegeta's JSON results (vegeta encode --to json) -> the same JSON line as the agent's
      `http-load` command: latency percentiles overall and by the answer's model_used

vegeta costs a fraction of the CPU of a JVM client per request, which matters when the load
generator shares the two cores with the three services it measures.
"""
import argparse, base64, csv, json, math, re, sys

# "read tcp 127.0.0.1:52869->127.0.0.1:18000: …": one error kind, whatever the client's port
SOCKET_PAIR = re.compile(r"tcp [0-9.:\[\]a-f]+->[0-9.:\[\]a-f]+")


def targets(args):
    with open(args.data, newline="", encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f)):
            if not row["text"].strip():
                continue
            body = json.dumps({"text": row["text"], "ticket_id": f"load-{i}"}).encode()
            print(json.dumps({"method": "POST", "url": args.url.rstrip("/") + "/predict",
                              "header": {"Content-Type": ["application/json"]},
                              "body": base64.b64encode(body).decode()}))


def stats(values):
    values = sorted(values)
    pick = lambda q: round(values[int(math.floor(q * (len(values) - 1)))], 2)
    return {"n": len(values), "p50_ms": pick(0.50), "p95_ms": pick(0.95), "p99_ms": pick(0.99),
            "mean_ms": round(sum(values) / len(values), 2)}


def summary(args):
    all_ms, by_route, errors = [], {}, {}
    for line in sys.stdin:
        r = json.loads(line)
        ms = r["latency"] / 1e6
        if r["code"] != 200:
            key = str(r["code"]) + (" " + SOCKET_PAIR.sub("tcp", r["error"]) if r.get("error") else "")
            errors[key] = errors.get(key, 0) + 1
            continue
        answer = json.loads(base64.b64decode(r["body"]))
        route = answer["model_used"] + (" (degraded)" if answer.get("degraded") else "")
        all_ms.append(ms)
        by_route.setdefault(route, []).append(ms)
    out = {"target_rate": args.rate, "sent": len(all_ms) + sum(errors.values()), "answered": len(all_ms),
           "load_generator": "vegeta",
           "all": stats(all_ms) if all_ms else {"n": 0},
           "by_model_used": {k: stats(v) for k, v in sorted(by_route.items())}}
    if errors:
        out["errors"] = errors
    print(json.dumps(out))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("targets")
    t.add_argument("--url", required=True)
    t.add_argument("--data", required=True)
    s = sub.add_parser("summary")
    s.add_argument("--rate", type=float, required=True)
    args = ap.parse_args()
    targets(args) if args.cmd == "targets" else summary(args)


if __name__ == "__main__":
    main()
