import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** A private dovecot IMAP server for one test file: plain text on 127.0.0.1, maildir under a temp dir. */
export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The dovecot log, for failures. */
  log(): string;
  stop(): Promise<void>;
}

const BINARY = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => existsSync(p));

/** Whether dovecot is installed (.ci/run installs dovecot-imapd). */
export const hasDovecot = Boolean(BINARY);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}):\n${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dovecot did not listen on ${port}:\n${log()}`);
}

function idOf(name: string): { uid: number; gid: number } | null {
  const r = spawnSync('id', ['-u', name]);
  const g = spawnSync('id', ['-g', name]);
  if (r.status !== 0 || g.status !== 0) return null;
  return { uid: Number(String(r.stdout).trim()), gid: Number(String(g.stdout).trim()) };
}

/**
 * Starts dovecot with a generated configuration: listens on a free port of 127.0.0.1, no TLS, plain-text login
 * allowed, one user in a passwd-file, maildir under the temp dir, the log in a file, its runtime and state
 * directories in the temp dir. Run as root, mail belongs to `nobody` (dovecot refuses UID 0 for mail).
 */
export async function startDovecot(): Promise<Dovecot> {
  if (!BINARY) throw new Error('dovecot is not installed (apt-get install dovecot-imapd)');
  const dir = mkdtempSync(join(tmpdir(), 'aftercare-dovecot-'));
  const port = await freePort();
  const user = 'support';
  const password = 'imap-test-password';
  const me = userInfo();
  const root = me.uid === 0;
  const mailOwner = root ? (idOf('nobody') ?? { uid: 65534, gid: 65534 }) : { uid: me.uid, gid: me.gid };
  for (const d of ['run', 'state', 'mail', 'home']) mkdirSync(join(dir, d), { recursive: true });
  if (root) {
    chmodSync(dir, 0o755);
    spawnSync('chown', ['-R', `${mailOwner.uid}:${mailOwner.gid}`, join(dir, 'mail'), join(dir, 'home')]);
  }
  const logFile = join(dir, 'dovecot.log');
  writeFileSync(
    join(dir, 'passwd'),
    `${user}:{PLAIN}${password}:${mailOwner.uid}:${mailOwner.gid}::${join(dir, 'home', user)}::\n`,
  );
  const internal = root
    ? ''
    : `default_internal_user = ${me.username}\ndefault_login_user = ${me.username}\n`;
  const version = String(spawnSync(BINARY, ['--version']).stdout).trim();
  const cleartext = /^2\.[0-3]\./.test(version)
    ? 'disable_plaintext_auth = no'
    : 'auth_allow_cleartext = yes';
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `${internal}base_dir = ${join(dir, 'run')}
state_dir = ${join(dir, 'state')}
log_path = ${logFile}
info_log_path = ${logFile}
protocols = imap
listen = 127.0.0.1
ssl = no
${cleartext}
auth_mechanisms = plain login
first_valid_uid = ${Math.min(mailOwner.uid, 1)}
mail_location = maildir:${join(dir, 'mail')}/%u
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${join(dir, 'passwd')}
}
userdb {
  driver = passwd-file
  args = username_format=%u ${join(dir, 'passwd')}
}
`,
  );
  const child = spawn(BINARY, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const log = () => `${output}${existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''}`;
  try {
    await waitForPort(port, child, log);
  } catch (err) {
    child.kill('SIGTERM');
    throw err;
  }
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
