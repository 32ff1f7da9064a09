"""Writes the xSID CSV files the multilingual benches use (text,intent), from the shared xsid JSON lines.

usage: xsid_split.py SOURCE WORK_DIR
  train.csv       every language's valid sentences (each language has its own labelled texts)
  train-en.csv    the English valid sentences only (labelled history in one language)
  test.csv        every language's test sentences; test-LANG.csv per language; langs.txt lists them
"""
import csv
import json
import sys

src, work = sys.argv[1], sys.argv[2]
rows = [json.loads(line) for line in open(src, encoding="utf-8")]


def write(path, subset):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["text", "intent"])
        for r in subset:
            w.writerow([r["text"], r["intent"]])


write(f"{work}/train.csv", [r for r in rows if r["split"] == "valid"])
write(f"{work}/train-en.csv", [r for r in rows if r["split"] == "valid" and r["lang"] == "en" and r["text"].strip()])
write(f"{work}/test.csv", [r for r in rows if r["split"] == "test"])
langs = sorted({r["lang"] for r in rows})
for lang in langs:
    write(f"{work}/test-{lang}.csv", [r for r in rows if r["split"] == "test" and r["lang"] == lang])
open(f"{work}/langs.txt", "w").write("\n".join(langs) + "\n")
