#!/usr/bin/env python3
"""Measure vforkcheck on real C trees: [input] diagnostics, fork/vfork calls in code that are
analyzed as a site, findings, and wall time. Prints one table row per tree; asserts nothing.

    bench/real-trees.py JAR TREE [TREE...] [-- EXTRA SCAN OPTIONS]

A "call in code" is `fork(` or `vfork(` outside comments, string literals, #define lines and
function declarations. It counts as analyzed when a site is reported on that line (in any
configuration) or when the site list names a macro use on a line that expands to it.
"""
import json, os, re, subprocess, sys, tempfile, time

CALL = re.compile(r'\b(v?fork)\s*\(')
DECL = re.compile(r'\b(pid_t|int|extern|static)\s+(\w+\s+)*v?fork\s*\(')

def strip(text):
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('/*', i):
            j = text.find('*/', i + 2); j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j])); i = j
        elif text.startswith('//', i):
            j = text.find('\n', i); j = n if j < 0 else j
            out.append(' ' * (j - i)); i = j
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            closed = j < n and text[j] == c
            out.append(c + re.sub(r'[^\n]', ' ', text[i + 1:min(j, n)]) + (c if closed else ''))
            i = j + 1 if closed else j  # an unterminated literal ends at the newline, which stays
        else:
            out.append(c); i += 1
    return ''.join(out)

def calls(tree):
    found = []
    for root, dirs, files in os.walk(tree):
        dirs[:] = sorted(d for d in dirs if not d.startswith('.'))
        for f in sorted(files):
            if not f.endswith(('.c', '.h')):
                continue
            p = os.path.join(root, f)
            try:
                text = strip(open(p, encoding='latin-1').read())
            except OSError:
                continue
            in_define = False
            for no, line in enumerate(text.split('\n'), 1):
                define = in_define or re.match(r'\s*#\s*define\b', line)
                in_define = bool(define) and line.rstrip().endswith('\\')
                if define or re.match(r'\s*#', line):
                    continue
                for m in CALL.finditer(line):
                    if DECL.search(line[:m.end()]) or re.match(r'\s*void\s*\)', line[m.end():]):
                        continue  # a declaration or definition (no call passes `void`)
                    found.append((os.path.relpath(p, tree), no))
    return found

def run(cmd, cwd):
    t = time.monotonic()
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    return r, (time.monotonic() - t)

def main():
    args = sys.argv[1:]
    extra = []
    if '--' in args:
        extra = args[args.index('--') + 1:]; args = args[:args.index('--')]
    jar, trees = args[0], args[1:]
    print('| tree | files | [input] diagnostics | fork/vfork calls in code | analyzed as site | sites | findings | scan s |')
    print('|---|---|---|---|---|---|---|---|')
    for tree in trees:
        tree = os.path.abspath(tree)
        with tempfile.NamedTemporaryFile(suffix='.json') as out:
            r, secs = run(['java', '-jar', jar, 'scan', '--no-config', '--fail-on', 'never', '--format', 'json',
                           '-o', out.name, *extra, '.'], tree)
            try:
                doc = json.load(open(out.name))
            except ValueError:
                print(f'| {os.path.basename(tree)} | scan failed: {r.stderr[-300:]!r} |'); continue
        s, _ = run(['java', '-jar', jar, 'sites', *[e for e in extra if not e.startswith('--fail')], '.'], tree)
        site_lines = set()
        for line in s.stdout.splitlines():
            m = re.match(r'(.+?):(\d+):\d+: ', line)
            if m:
                site_lines.add((m.group(1), int(m.group(2))))
        cs = calls(tree)
        hit = sum(1 for c in cs if c in site_lines)
        diags = len(doc.get('diagnostics', []))
        stats = doc.get('stats', {})
        print(f"| {os.path.basename(tree)} | {stats.get('filesScanned')} | {diags} | {len(cs)} | {hit} | "
              f"{stats.get('sites')} | {len(doc.get('findings', []))} | {secs:.1f} |", flush=True)
        if os.environ.get('MISSED'):
            for c in cs:
                if c not in site_lines:
                    print(f'    missed {c[0]}:{c[1]}', file=sys.stderr)

if __name__ == '__main__':
    main()
