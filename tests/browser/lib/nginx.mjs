// The built site served by nginx with the directives of docs/deploiement.md (its `nginx` code
// block, as tests/all/hosting/nginx.rs runs them), under /atelier/: what Lighthouse measures with
// `--nginx`. The site must be built for that address and precompressed:
//   atelier build --base-url http://127.0.0.1/atelier/ --precompress -o SITE_DIR

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO } from './config.mjs';

const BINARIES = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'];
const BROTLI = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

/** The nginx directives documented in docs/deploiement.md. */
export function documentedConfig() {
  const doc = readFileSync(join(REPO, 'docs', 'deploiement.md'), 'utf8');
  const start = doc.indexOf('```nginx\n');
  if (start < 0) throw new Error('docs/deploiement.md has no nginx block');
  const body = doc.slice(start + '```nginx\n'.length);
  return body.slice(0, body.indexOf('```'));
}

const freePort = () =>
  new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

/** Starts nginx for `siteDir`; resolves to { url (…/atelier), close() }. */
export async function serveNginx(siteDir) {
  const binary = BINARIES.find((b) => existsSync(b));
  if (!binary) throw new Error('no nginx: apt-get install nginx (and libnginx-mod-http-brotli-static)');
  const dir = mkdtempSync(join(tmpdir(), 'atelier-nginx-'));
  const www = join(dir, 'www');
  mkdirSync(www);
  symlinkSync(resolve(siteDir), join(www, 'atelier'));
  const brotli = existsSync(BROTLI);
  let site = documentedConfig().replace('root /var/www;', `root ${www};`);
  if (!brotli) site = site.replace('brotli_static on;', '');
  const port = await freePort();
  const conf = `${brotli ? `load_module ${BROTLI};\n` : ''}daemon off;\nmaster_process off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types; default_type application/octet-stream; access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
${site}
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const child = spawn(binary, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/atelier`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(url + '/')).ok) break;
    } catch {
      // not up yet
    }
    if (i > 50 || child.exitCode !== null) {
      child.kill();
      throw new Error(`nginx did not start: ${existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    brotli,
    close: async () => {
      child.kill();
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
