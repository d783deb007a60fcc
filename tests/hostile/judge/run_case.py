#!/usr/bin/env python3
"""Runs one judge-level hostile case: python3 run_case.py KHUE CASE_FILE PROBLEMS_DIR (see README.md)."""
import json
import os
import resource
import re
import shutil
import subprocess
import sys
import tempfile

DIRECTIVE = re.compile(r'^\s*(?://|#)\s*khue-judge-([a-z-]+):\s*(.*?)\s*$')
KNOWN = {'problem', 'expect', 'language', 'pad-comment', 'then', 'name'}


def directives(path):
    found = {}
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            m = DIRECTIVE.match(line)
            if m:
                if m.group(1) not in KNOWN:
                    sys.exit('%s: unknown directive khue-judge-%s' % (path, m.group(1)))
                found[m.group(1)] = m.group(2)
    for required in ('problem', 'expect'):
        if required not in found:
            sys.exit('%s: the directive khue-judge-%s is required' % (path, required))
    return found


def usual_fd_limit():
    """The judge runs with the usual soft limit of 1024 descriptors (Debian's default), whatever this shell
    allows: a folder chain deeper than that is what defeated wave 1's std::filesystem::remove_all."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(soft, 1024), hard))


def judge(khue, case, problems, work):
    d = directives(case)
    with open(case, encoding='utf-8') as f:
        text = f.read()
    if 'pad-comment' in d:
        size = int(d['pad-comment'])
        text = '\n'.join('/*' + 'x' * size + '*/' if 'KHUE-PAD' in line else line for line in text.split('\n'))
    source = os.path.join(work, d.get('name', os.path.basename(case)))
    with open(source, 'w', encoding='utf-8') as f:
        f.write(text)
    argv = [khue, 'judge', os.path.join(problems, d['problem']), source, '--json']
    if 'language' in d:
        argv += ['--language', d['language']]
    r = subprocess.run(argv, capture_output=True, text=True, timeout=540, preexec_fn=usual_fd_limit)
    name = os.path.basename(case)
    if r.returncode != 0:
        print('%s: khue judge exited %d (a signal if negative)\n%s' % (name, r.returncode, r.stderr[-3000:]))
        return False
    verdict = json.loads(r.stdout)['verdict']
    ok = verdict == d['expect']
    print('%s: verdict %s, expected %s: %s' % (name, verdict, d['expect'], 'ok' if ok else 'FAIL'))
    if not ok:
        print(r.stdout[:3000])
    if ok and 'then' in d:
        then_file, then_verdict = d['then'].split()
        victim = os.path.join(os.path.dirname(case), then_file)
        if directives(victim)['expect'] != then_verdict:
            sys.exit('%s: khue-judge-then says %s but %s expects otherwise' % (name, then_verdict, then_file))
        ok = judge(khue, victim, problems, work)
    return ok


def main():
    khue, case, problems = sys.argv[1:4]
    if os.geteuid() != 0:
        print('judge-level hostile cases need root (khue-box); skipped')
        return 77
    work = tempfile.mkdtemp(prefix='khue-hostile-judge-')
    try:
        return 0 if judge(khue, case, problems, work) else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
