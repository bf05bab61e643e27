"""Summarises JMH JSON results of the kernel benchmarks (BENCHMARKS.md, issue 2).

Sample mode (-bm sample): per benchmark the median call and the mean of the fastest 99 % of the
sampled calls (the slowest 1 % dropped: on a shared machine those are the calls another
process's time slice landed in), each minus the payload's own `baseline` of the same run.
Average-time mode: the score and its 99.9 % error, minus the baseline's score.

Usage: python3 docs/bench/sample_summary.py results.json[.gz] [more ...]
"""
import collections
import gzip
import json
import sys


def sample_stats(histograms, trim=0.01):
    counts = collections.Counter()
    for fork in histograms:
        for iteration in fork:
            for value, count in iteration:
                counts[value] += count
    total = sum(counts.values())
    keep = total * (1 - trim)
    seen, acc, median = 0, 0.0, None
    for value in sorted(counts):
        count = counts[value]
        if median is None and seen + count >= total / 2:
            median = value
        take = min(count, keep - seen)
        if take > 0:
            acc += value * take
        seen += count
    return median, acc / keep


def summarise(path):
    rows, baseline = [], {}
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rt') as file:
        results = json.load(file)
    for result in results:
        cls, method = result['benchmark'].split('.')[-2:]
        metric = result['primaryMetric']
        alloc = result.get('secondaryMetrics', {}).get('gc.alloc.rate.norm', {}).get('score')
        if result['mode'] == 'sample':
            median, mean99 = sample_stats(metric['rawDataHistogram'])
            values = (median, mean99)
        else:
            values = (metric['score'], metric['scoreError'])
        rows.append((cls, method, result['threads'], result['mode'], values, alloc))
        if method == 'baseline':
            baseline[(cls, result['threads'])] = values
    print(f"## {path}")
    for cls, method, threads, mode, values, alloc in rows:
        base = baseline.get((cls, threads))
        if mode == 'sample':
            over = f"+{values[0] - base[0]:.0f} / +{values[1] - base[1]:.1f}" if base else "-"
            shown = f"p50 {values[0]:.0f}  mean99 {values[1]:.1f}"
        else:
            over = f"+{values[0] - base[0]:.1f}" if base else "-"
            shown = f"{values[0]:.1f} ± {values[1]:.1f}"
        alloc_shown = f"{alloc:.1f} B/op" if alloc is not None else ""
        print(f"{cls}.{method:28} t={threads} {mode:6} {shown:28} overhead {over:18} {alloc_shown}")


if __name__ == '__main__':
    for arg in sys.argv[1:]:
        summarise(arg)
