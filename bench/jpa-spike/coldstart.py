#!/usr/bin/env python3
"""Cold start of a Clientele distribution: fresh unpack, bin/start -> GET /api/v1/health UP with all modules
(and, when asked, the 'JPA probe ready' line in data/log/karaf.log). Usage: coldstart.py TAR LABEL RUNS [drop-features] [--probe] [--keep] [--opts=...]"""
import json, os, re, shutil, socket, subprocess, sys, tempfile, time, urllib.request

def free_port():
    s = socket.socket(); s.bind(('127.0.0.1', 0)); p = s.getsockname()[1]; s.close(); return p

def set_prop(path, key, value):
    lines = open(path, encoding='latin-1').read().split('\n')
    done = False
    for i, l in enumerate(lines):
        if re.match(r'\s*' + re.escape(key) + r'\s*=', l):
            lines[i] = f'{key} = {value}'; done = True
    if not done: lines.append(f'{key} = {value}')
    open(path, 'w', encoding='latin-1').write('\n'.join(lines))

def drop_boot(cfg, drop):
    text = open(cfg).read()
    for f in drop:
        text = re.sub(r'\n\s*' + re.escape(f) + r'/[^,\n]*,\s*\\', '', text)
        text = re.sub(r',\s*\\\n\s*' + re.escape(f) + r'/[^,\n]*\n', '\n', text)
    open(cfg, 'w').write(text)

def cpu_s(home):
    try:
        pid = int(open(f'{home}/karaf.pid').read().strip())
        f = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
        return round((int(f[11]) + int(f[12])) / os.sysconf('SC_CLK_TCK'), 2)
    except Exception:
        return None

def run(tar, label, drop, probe, keep, opts):
    work = tempfile.mkdtemp(prefix='cs-', dir='/work/jpa-runs')
    subprocess.run(['tar', 'xzf', tar], cwd=work, check=True)
    home = os.path.join(work, os.listdir(work)[0])
    ssh, rmir, rmis, http = free_port(), free_port(), free_port(), free_port()
    set_prop(f'{home}/etc/org.apache.karaf.shell.cfg', 'sshPort', str(ssh))
    set_prop(f'{home}/etc/org.apache.karaf.management.cfg', 'rmiRegistryPort', str(rmir))
    set_prop(f'{home}/etc/org.apache.karaf.management.cfg', 'rmiServerPort', str(rmis))
    if drop: drop_boot(f'{home}/etc/org.apache.karaf.features.cfg', drop)
    env = dict(os.environ, CLIENTELE_HTTP_PORT=str(http))
    if opts: env['EXTRA_JAVA_OPTS'] = opts
    t0 = time.monotonic()
    subprocess.run([f'{home}/bin/start'], cwd=home, env=env, check=True)
    t_health = t_probe = cpu_health = cpu_probe = None
    deadline = t0 + 300
    log = f'{home}/data/log/karaf.log'
    while time.monotonic() < deadline:
        if t_health is None:
            try:
                with urllib.request.urlopen(f'http://127.0.0.1:{http}/api/v1/health', timeout=2) as r:
                    h = json.load(r)
                    if h.get('status') == 'UP' and {'budget', 'monthly-fee', 'ijob'} <= set(h.get('modules', [])):
                        t_health = time.monotonic() - t0
                        cpu_health = cpu_s(home)
            except Exception:
                pass
        if probe and t_probe is None and os.path.exists(log) and 'JPA probe ready' in open(log, errors='replace').read():
            t_probe = time.monotonic() - t0
            cpu_probe = cpu_s(home)
        if t_health is not None and (not probe or t_probe is not None):
            break
        time.sleep(0.1)
    result = {'label': label, 'health_s': t_health, 'probe_s': t_probe, 'cpu_health_s': cpu_health,
              'cpu_probe_s': cpu_probe, 'load1': os.getloadavg()[0], 'home': home}
    if keep:
        result['ports'] = {'ssh': ssh, 'http': http}
        return result
    subprocess.run([f'{home}/bin/stop'], cwd=home, env=env)
    pidf = f'{home}/karaf.pid'
    for _ in range(300):
        try:
            pid = int(open(pidf).read().strip()); os.kill(pid, 0); time.sleep(0.1)
        except Exception:
            break
    shutil.copy(log, f'/work/jpa-runs/{label}-{int(time.time())}.log') if os.path.exists(log) else None
    shutil.rmtree(work, ignore_errors=True)
    return result

if __name__ == '__main__':
    tar, label, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    drop = [a for a in sys.argv[4].split(',') if a] if len(sys.argv) > 4 and not sys.argv[4].startswith('--') else []
    probe = '--probe' in sys.argv; keep = '--keep' in sys.argv
    opts = next((a[7:] for a in sys.argv if a.startswith('--opts=')), None)
    for i in range(runs):
        while os.path.exists('/tmp/bench.lock'):
            time.sleep(10)
        r = run(tar, label, drop, probe, keep, opts)
        print(json.dumps(r), flush=True)
