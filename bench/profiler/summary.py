#!/usr/bin/env python3
"""Summary tables of an async-profiler CPU profile in collapsed form (one "frame;frame;... count" line per stack,
the first frame the thread when recorded with the `threads` option), as Markdown, for docs/performance.md:

  - threads: share of samples per thread, numbered threads folded ("http-nio-8000-exec-N");
  - components: each sample goes to the innermost frame that belongs to a known library or to the project
    (lingua, OpenNLP, regex, Jackson, Tomcat, Spring...), so a library's own helpers count for it;
  - project methods, inclusive: share of samples with the method anywhere on the stack, which is what a step
    of the request path costs with all it calls;
  - leaf frames: where the CPU was.

  summary.py PROFILE.collapsed [--top N]
"""
import argparse, collections, re

COMPONENTS = [  # first match wins, tested from the innermost frame outwards
    ("lingua (language detection)", r"^com\.github\.pemistahl|^kotlin\.|^it\.unimi\.dsi\.fastutil"),
    ("OpenNLP (name finder)", r"^opennlp\."),
    ("libphonenumber", r"^com\.google\.i18n\.phonenumbers"),
    ("ONNX Runtime / DJL (encoders)", r"^ai\.onnxruntime|^ai\.djl|Ort|onnxruntime"),
    ("liblinear", r"^de\.bwaldvogel"),
    ("Jackson (JSON)", r"^com\.fasterxml\.jackson"),
    ("Micrometer / OpenTelemetry", r"^io\.micrometer|^io\.opentelemetry"),
    ("resilience4j", r"^io\.github\.resilience4j"),
    ("Tomcat (HTTP server)", r"^org\.apache\.(tomcat|catalina|coyote)"),
    ("Spring", r"^org\.springframework"),
    ("JDK HTTP client (HttpURLConnection)", r"^sun\.net\.www|^java\.net\.|^sun\.nio\.ch\.NioSocketImpl"),
    ("logging", r"^ch\.qos\.logback|^org\.slf4j"),
    ("java.util.regex", r"^java\.util\.regex"),
    ("project: PII", r"^ai\.callcenter\.agent\.pii"),
    ("project: language", r"^ai\.callcenter\.agent\.language"),
    ("project: other", r"^ai\.callcenter\."),
]
JVM_THREADS = r"C2 CompilerThre|C1 CompilerThre|GC Thread|VM Thread|G1 |ParGC"


def java_name(frame):
    return frame.replace("/", ".")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("profile")
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args()
    threads, components, inclusive, leaf = (collections.Counter() for _ in range(4))
    total = 0
    for line in open(args.profile, encoding="utf-8", errors="replace"):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not stack:
            continue
        n = int(count)
        total += n
        frames = stack.split(";")
        thread = None
        if frames[0].startswith("["):
            thread = re.sub(r"\s*tid=\d+\]$", "", frames[0][1:])
            thread = re.sub(r"[-#]?\d+$", "-N", thread)
            frames = frames[1:]
            threads[thread] += n
        names = [java_name(f) for f in frames]
        label = None
        if thread and re.search(JVM_THREADS, thread):
            label = "JVM: JIT compiler / GC"
        for name in reversed(names):
            if label:
                break
            label = next((lab for lab, pattern in COMPONENTS if re.search(pattern, name)), None)
        components[label or "JDK / native (no library frame)"] += n
        for method in {re.sub(r"\$\$Lambda.*", "$$Lambda", f) for f in names if f.startswith("ai.callcenter.")}:
            inclusive[method] += n
        if names:
            leaf[names[-1]] += n
    total = max(total, 1)
    print(f"{total} samples\n")
    for title, counter in (("threads", threads), ("components (innermost library frame)", components),
                           ("project methods, inclusive", inclusive), ("leaf frames", leaf)):
        if not counter:
            continue
        print(f"| {title} | share |\n|---|---|")
        for name, count in counter.most_common(args.top):
            print(f"| `{name}` | {100 * count / total:.1f} % |")
        print()


if __name__ == "__main__":
    main()
