#!/usr/bin/env python3
"""Realistic mixed tickets from the shared datasets, as vegeta targets through the ingress.

  tickets.py --url https://127.0.0.1:8443 --key-file var/stack/api-key --count 20000 > targets.jsonl

The mix, seeded: 70 % Banking77 test messages (what the default models serve), 15 % xSID test utterances in
its 19 languages (the cross-lingual route), 15 % IT-service tickets (another domain: out-of-scope answers).
Each ticket is unique (its text and a ticket_id), so the answer cache does not serve the load from memory.
"""
import argparse, base64, csv, json, os, random, sys


def read_banking77(data):
    with open(os.path.join(data, "banking77", "test.csv"), newline="", encoding="utf-8") as f:
        return [row["text"] for row in csv.DictReader(f) if row["text"].strip()]


def read_xsid(data):
    with open(os.path.join(data, "xsid", "xsid-0.7_valid_test.jsonl"), encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    return [(r["text"], r["lang"]) for r in rows if r.get("split") == "test" and r["text"].strip()]


def read_it(data):
    with open(os.path.join(data, "it-service-tickets", "all_tickets.csv"), newline="", encoding="utf-8") as f:
        return [row["Document"] for row in csv.DictReader(f) if row["Document"].strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--key-file", required=True)
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--data", default=os.environ.get("CALLCENTER_SHARED_DATA", ""))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    banking, xsid, it = read_banking77(args.data), read_xsid(args.data), read_it(args.data)
    key = open(args.key_file, encoding="utf-8").read().strip()
    header = {"Content-Type": ["application/json"], "X-API-Key": [key]}
    url = args.url.rstrip("/") + "/predict"
    for i in range(args.count):
        draw = rng.random()
        if draw < 0.70:
            text = rng.choice(banking)
        elif draw < 0.85:
            text = rng.choice(xsid)[0]
        else:
            text = rng.choice(it)
        # a ticket number keeps repeated dataset texts distinct for the answer cache
        body = {"text": f"{text} (ticket {args.seed}-{i})", "ticket_id": f"drill-{args.seed}-{i}"}
        print(json.dumps({"method": "POST", "url": url, "header": header,
                          "body": base64.b64encode(json.dumps(body, ensure_ascii=False).encode()).decode()}))


if __name__ == "__main__":
    sys.exit(main())
