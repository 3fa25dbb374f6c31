#!/usr/bin/env python3
"""check_conventions.py DESCENT GOOD_PROBLEM SUM_PROBLEM NEURON_PROBLEM: `descent conventions --json`
covers every method of the registry (`descent trace --methods --format json`) and nothing else;
every row names at least one claim of the index or a test file of the repository, and flags that
`descent trace` runs (3 steps at
20 digits; sgd on a sum over examples, the perceptron on a single neuron)."""
import json, os, subprocess, sys
exe, problem = sys.argv[1], sys.argv[2]
rows = json.loads(subprocess.run([exe, 'conventions', '--json'], capture_output=True, text=True, check=True).stdout)['conventions']
index = json.loads(subprocess.run([exe, 'list', '--json'], capture_output=True, text=True, check=True).stdout)
ids = {c['id'] for l in index['lessons'] for c in l['claims']}
registry = json.loads(subprocess.run([exe, 'trace', '--methods', '--format', 'json'], capture_output=True, text=True,
                                     check=True).stdout)
methods = {r['method'] for r in rows}
for m in registry['methods']:
    assert m['name'] in methods, 'no convention row for ' + m['name']
assert methods == {m['name'] for m in registry['methods']}, 'a row names a method the registry does not have'
for r in rows:
    assert r['claims'] or r['tests'], r
    assert all(c in ids for c in r['claims']), r
    source = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert all(os.path.isfile(os.path.join(source, t)) for t in r['tests']), r
    assert r['select'].startswith('descent trace --method ' + r['method']), r
    args = r['select'].split()[2:]
    args = [a for a in args if a not in ('E', 'L', 'MU', '[--mu', 'MU]', '[--eps-hat', 'yes]')]
    if r['method'] in ('gd', 'sgd'): args += ['0.1']
    if r['method'] in ('heavy_ball', 'nesterov') and '--L' not in args: args += ['--eta', '0.1', '--beta', '0.5']
    if '--L' in args: args = ['--method', 'nesterov', '--L', '4', '--mu', '1']
    if r['method'] == 'preconditioned': args += ['--eta', '0.5']
    file = sys.argv[3] if r['method'] == 'sgd' else problem  # sgd samples examples: a sum over data
    if r['method'] == 'perceptron': file = sys.argv[4]  # a single neuron
    p = subprocess.run([exe, 'trace', '--problem', file, '--steps', '3', '--digits', '20'] + args, capture_output=True, text=True)
    assert p.returncode == 0, (r['select'], p.stderr)
print(len(rows), 'rows,', len(methods), 'methods')
