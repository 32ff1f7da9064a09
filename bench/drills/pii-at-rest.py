#!/usr/bin/env python3
"""PII at rest: seed tickets carrying known personal data through the local stack, then search everything the
stack keeps for each seeded value: every log file, every Redis key and value, MLflow's database and artifacts,
and Prometheus (every label value through its API, and its TSDB files). Target: 0 hits.

  pii-at-rest.py --root REPO --stack-dir var/stack [--tickets 200] [--seed 42]

Standard library only; Redis through redis-cli, PostgreSQL through pg_dump. Prints a per-place count to stderr
and a JSON summary as the last stdout line; exits 1 on any hit. The seeded values are never printed.
"""
import argparse, json, os, random, re, ssl, subprocess, sys, time, urllib.error, urllib.parse, urllib.request

FIRST = ["Maria", "James", "Aisha", "Lukas", "Sofia", "Mateo", "Hannah", "Oliver", "Chloe", "Rafael", "Ingrid",
         "Tomasz", "Priya", "Daniel", "Elena", "Kwame", "Fatima", "Henrik", "Yuki", "Gabriel"]
LAST = ["Gonzalez", "Whitfield", "Okonkwo", "Brandt", "Rossi", "Fernandez", "Larsen", "Kowalski", "Sharma",
        "Novak", "Dubois", "Mensah", "Haddad", "Lindqvist", "Tanaka", "Moreau", "Schneider", "Costa"]
TEMPLATES = [
    "Hi, this is {name}. My card {card} was charged twice, please call me on {phone}.",
    "I ({name}) need a refund to my account {iban}, write to {email}.",
    "Card {card} got declined at the ATM. Contact: {email}, {phone}. Regards, {name}",
    "Please transfer my balance to {iban}; my phone is {phone} and my email {email}.",
    "My name is {name} and I lost the card ending {card}. Email me at {email}.",
]


def luhn_card(rng):
    digits = [4] + [rng.randrange(10) for _ in range(14)]
    total = 0
    for i, d in enumerate(reversed(digits)):
        d = d * 2 if i % 2 == 0 else d
        total += d - 9 if d > 9 else d
    digits.append((10 - total % 10) % 10)
    s = "".join(map(str, digits))
    return " ".join(s[i:i + 4] for i in range(0, 16, 4))


def iban(rng):
    bban = "".join(str(rng.randrange(10)) for _ in range(18))
    numeric = int(bban + "1314" + "00")  # D=13, E=14
    check = 98 - numeric % 97
    return f"DE{check:02d}{bban}"


def phone(rng):
    return rng.choice([f"+44 20 7946 {rng.randrange(10**4):04d}", f"+1 415 555 {rng.randrange(10**4):04d}",
                       f"+49 30 {rng.randrange(10**7, 10**8)}"])


def seeded_tickets(n, rng):
    tickets = []
    for i in range(n):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        values = {"name": name, "card": luhn_card(rng), "iban": iban(rng), "phone": phone(rng),
                  "email": f"{name.split()[0].lower()}.{name.split()[1].lower()}{rng.randrange(1000)}@example.org"}
        tickets.append((rng.choice(TEMPLATES).format(**values), values))
    return tickets


def needles(values):
    """Each value as written, and its digits-only or compact form (a leak may be normalised)."""
    out = set()
    for kind, v in values.items():
        out.add(v)
        if kind in ("card", "phone", "iban"):
            out.add(re.sub(r"[^0-9A-Za-z+]", "", v))
            out.add(re.sub(r"[^0-9]", "", v))
    return {n for n in out if len(n) >= 8}


def post(url, key, body, ctx):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json", "X-API-Key": key})
    try:
        with urllib.request.urlopen(req, context=ctx, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, None


def search_bytes(data, needles):
    low = data.lower()
    return sum(1 for n in needles if n.lower().encode() in low)


def files_under(*dirs):
    for d in dirs:
        for base, _, names in os.walk(d):
            for name in names:
                yield os.path.join(base, name)


def redis_contents():
    keys = subprocess.run(["redis-cli", "--scan"], capture_output=True, check=True).stdout.decode("utf-8", "replace").split()
    if not keys:
        return b"", 0
    types = subprocess.run(["redis-cli"], input="\n".join(f"TYPE {k}" for k in keys).encode(),
                           capture_output=True, check=True).stdout.decode().split()
    reads = {"string": "GET {}", "hash": "HGETALL {}", "list": "LRANGE {} 0 -1", "set": "SMEMBERS {}",
             "zset": "ZRANGE {} 0 -1 WITHSCORES", "stream": "XRANGE {} - +"}
    commands = [reads[t].format(k) for k, t in zip(keys, types) if t in reads]
    values = subprocess.run(["redis-cli"], input="\n".join(commands).encode(), capture_output=True, check=True).stdout
    return "\n".join(keys).encode() + b"\n" + values, len(keys)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--stack-dir", required=True)
    ap.add_argument("--tickets", type=int, default=200)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--wait", type=int, default=20, help="seconds for statistics windows and scrapes to land")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    ctx = ssl.create_default_context(cafile=os.path.join(args.stack_dir, "tls", "ingress.crt"))
    key = open(os.path.join(args.stack_dir, "api-key")).read().strip()
    ingress = "https://127.0.0.1:8443"

    tickets = seeded_tickets(args.tickets, rng)
    all_needles = set()
    answered = 0
    feedback = {}
    for i, (text, values) in enumerate(tickets):
        all_needles |= needles(values)
        ticket_id = f"pii-drill-{args.seed}-{i}"
        if i % 10 == 9:  # some through the batch endpoint
            status, _ = post(ingress + "/predict/batch", key, {"items": [{"text": text, "ticket_id": ticket_id}]}, ctx)
        else:
            status, answer = post(ingress + "/predict", key, {"text": text, "ticket_id": ticket_id}, ctx)
            if i % 4 == 0 and status == 200:  # and feedback on some (the agent records the answer asynchronously)
                for _ in range(10):
                    fb, _ = post(ingress + "/feedback", key, {"ticket_id": ticket_id, "category": answer["category"]}, ctx)
                    if fb != 404:
                        break
                    time.sleep(0.2)
                feedback[fb] = feedback.get(fb, 0) + 1
        answered += status == 200
        time.sleep(0.06)  # under the standard tier's 20 requests/s
    print(f"pii drill: {answered}/{len(tickets)} tickets answered; {len(all_needles)} values to look for; "
          f"waiting {args.wait}s for statistics and scrapes", file=sys.stderr)
    time.sleep(args.wait)

    root, stack = args.root, args.stack_dir
    hits = {}
    # every log file of the stack, MLflow and PostgreSQL
    log_hits, log_files = 0, 0
    for path in files_under(os.path.join(stack, "logs"), os.path.join(root, "var", "mlflow", "logs")):
        log_files += 1
        with open(path, "rb") as f:
            log_hits += search_bytes(f.read(), all_needles)
    hits["logs"] = log_hits
    redis_data, redis_keys = redis_contents()
    hits["redis"] = search_bytes(redis_data, all_needles)
    # MLflow: its whole database (runs, params, metrics, tags, registry) and its artifact store
    pgpass = os.path.join(root, "var", "mlflow", "secrets", "pgpass")
    dump = subprocess.run(["pg_dump", "-h", "127.0.0.1", "-p", "5433", "-U", "mlflow", "mlflow"],
                          capture_output=True, env={**os.environ, "PGPASSFILE": pgpass}, check=True).stdout
    hits["mlflow_database"] = search_bytes(dump, all_needles)
    artifact_hits = 0
    for path in files_under(os.path.join(root, "var", "mlflow", "artifacts")):
        with open(path, "rb") as f:
            artifact_hits += search_bytes(f.read(), all_needles)
    hits["mlflow_artifacts"] = artifact_hits
    def mlflow(path, body):
        req = urllib.request.Request("http://127.0.0.1:5000/api/2.0/mlflow/" + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
        return json.loads(urllib.request.urlopen(req, timeout=10).read() or b"{}")
    experiments = [e["experiment_id"] for e in mlflow("experiments/search", {"max_results": 1000}).get("experiments", [])]
    runs = mlflow("runs/search", {"experiment_ids": experiments, "max_results": 1000}) if experiments else {}
    # what the MLflow API serves of the runs (params, metrics, tags), besides the database it reads
    hits["mlflow_api"] = search_bytes(json.dumps(runs).encode(), all_needles)
    # Prometheus: every label value of every series, through its API, and the TSDB files as stored
    labels = json.loads(urllib.request.urlopen("http://127.0.0.1:9090/api/v1/labels", timeout=10).read())["data"]
    label_values = []
    for label in labels:
        url = "http://127.0.0.1:9090/api/v1/label/" + urllib.parse.quote(label) + "/values"
        label_values += json.loads(urllib.request.urlopen(url, timeout=10).read())["data"]
    hits["prometheus_labels"] = search_bytes("\n".join(label_values).encode(), all_needles)
    tsdb_hits = 0
    for path in files_under(os.path.join(stack, "prometheus", "tsdb")):
        with open(path, "rb") as f:
            tsdb_hits += search_bytes(f.read(), all_needles)
    hits["prometheus_tsdb_files"] = tsdb_hits

    for place, n in hits.items():
        print(f"pii drill: {place:22s} {n} hits", file=sys.stderr)
    total = sum(hits.values())
    ok = total == 0 and answered == len(tickets)
    print(json.dumps({"drill": "pii-at-rest", "tickets": len(tickets), "answered": answered,
                      "seeded_values": len(all_needles), "feedback_status": feedback, "log_files": log_files, "redis_keys": redis_keys,
                      "mlflow_runs": len(runs.get("runs", [])), "prometheus_label_values": len(label_values),
                      "hits": hits, "ok": ok}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
